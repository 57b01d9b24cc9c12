import Testing
@testable import RepogenCore

/// `valid/language.yaml` decodes into the expected behaviours, synthesized columns, relations, finders, docs,
/// renames, index options and acknowledgements.
@Suite struct LanguageSchemaTests {
    static func at(_ line: Int, _ column: Int) -> RepogenCore.SourceLocation {
        ValidSchemaTests.at(line, column)
    }

    static func schema() throws -> Schema {
        let result = try Fixtures.read("valid/language.yaml")
        #expect(result.diagnostics.map(\.description) == [])
        return try #require(result.schema)
    }

    @Test func enumsTakeAListOrValuesWithADoc() throws {
        let schema = try Self.schema()
        #expect(schema.enums == [
            EnumType(name: "QuoteStatus", sqlName: "quote_status", cases: ["draft", "sent", "accepted"],
                     location: Self.at(3, 3), doc: "Where a quote is in its life."),
            EnumType(name: "Role", sqlName: "role", cases: ["admin", "member"], location: Self.at(6, 3)),
        ])
    }

    @Test func timestampsAdoptADeclaredColumnAndSynthesizeTheOther() throws {
        let user = try #require(try Self.schema().entity(named: "User"))
        #expect(user.doc == "A person who signs in.")
        #expect(user.renamedFrom == "accounts")
        #expect(user.behaviours == EntityBehaviours(timestamps: true, tenantColumn: "organisation_id"))
        #expect(user.fields.map(\.column) == [
            "id", "organisation_id", "email", "full_name", "role", "created_at", "updated_at",
        ])
        #expect(user.field(withRole: .tenant)?.name == "organisation")
        #expect(user.field(withRole: .createdAt)?.location == Self.at(22, 7))
        #expect(user.field(withRole: .updatedAt) == Field(
            name: "updated_at", column: "updated_at", swiftName: "updatedAt", type: .timestamp,
            defaultValue: .now, location: Self.at(15, 5), role: .updatedAt))
        #expect(user.field(forColumn: "email")?.doc == "Lower-cased on write.")
        #expect(user.field(forColumn: "full_name")?.renamedFrom == "name")
    }

    @Test func softDeleteAndVersionedSynthesizeColumnsAtTheirKeys() throws {
        let quote = try #require(try Self.schema().entity(named: "Quote"))
        #expect(quote.behaviours == EntityBehaviours(softDelete: true, versioned: true, audited: true))
        #expect(Array(quote.fields.suffix(2)) == [
            Field(name: "deleted_at", column: "deleted_at", swiftName: "deletedAt", type: .timestamp,
                  isOptional: true, location: Self.at(40, 5), role: .softDelete),
            Field(name: "version", column: "version", swiftName: "version", type: .bigint,
                  defaultValue: .literal("1"), location: Self.at(41, 5), role: .version),
        ])
        let profile = try #require(try Self.schema().entity(named: "Profile"))
        #expect(profile.behaviours == EntityBehaviours(appendOnly: true))
    }

    @Test func relationsResolveTheirKeys() throws {
        let schema = try Self.schema()
        #expect(schema.entity(named: "User")?.relations == [
            Relation(name: "quotes", swiftName: "quotes", kind: .hasMany, entity: "Quote", foreignKey: "owner_id",
                     location: Self.at(26, 7)),
            Relation(name: "profile", swiftName: "profile", kind: .hasOne, entity: "Profile", foreignKey: "user_id",
                     location: Self.at(28, 7)),
        ])
        #expect(schema.entity(named: "Quote")?.relations == [
            Relation(name: "tags", swiftName: "tags", kind: .manyToMany, entity: "Tag", foreignKey: "quote_id",
                     through: "QuoteTag", targetKey: "tag_id", location: Self.at(57, 7)),
        ])
        #expect(schema.entity(named: "Tag")?.relations.first?.foreignKey == "tag_id")
        #expect(schema.entity(named: "Tag")?.relations.first?.targetKey == "quote_id")
    }

    @Test func findersResolveColumnsAndOrder() throws {
        let schema = try Self.schema()
        #expect(schema.entity(named: "User")?.finders == [
            Finder(name: "byEmail", columns: ["email"], order: [], isUnique: true, location: Self.at(30, 9)),
        ])
        #expect(schema.entity(named: "Quote")?.finders == [
            Finder(name: "byOwner", columns: ["owner_id"], order: [IndexColumn(column: "sent_at", isDescending: true)],
                   isUnique: false, location: Self.at(59, 9)),
        ])
    }

    @Test func indexesKeepCanonicalPredicateAndMethod() throws {
        let quote = try #require(try Self.schema().entity(named: "Quote"))
        #expect(quote.indexes.map(\.method) == [.btree, .btree, .btree, .gin, .btree])
        #expect(quote.indexes.map(\.predicate) == [
            nil, #""deleted_at" IS NULL"#, nil, nil, #""status" <> 'draft' AND ("sent_at" IS NOT NULL)"#,
        ])
        #expect(quote.indexes[1].columns == [IndexColumn(column: "sent_at")])
    }

    @Test func acknowledgementsAreRead() throws {
        #expect(try Self.schema().acknowledgements == [
            Acknowledgement(kind: .dropColumn, target: "quotes.legacy_notes", location: Self.at(75, 7)),
            Acknowledgement(kind: .dropTable, target: "old_things", location: Self.at(76, 7)),
            Acknowledgement(kind: .dropEnumValue, target: "quote_status.expired", location: Self.at(77, 7)),
        ])
    }
}
