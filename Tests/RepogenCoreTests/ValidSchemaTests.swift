import Testing
@testable import RepogenCore

/// The valid fixtures decode into exactly the expected `Schema` values.
@Suite struct ValidSchemaTests {
    /// A location in the fixed display file.
    static func at(_ line: Int, _ column: Int) -> RepogenCore.SourceLocation {
        RepogenCore.SourceLocation(file: Fixtures.displayName, line: line, column: column)
    }

    static let user = Entity(
        name: "User", table: "users",
        fields: [
            Field(name: "id", column: "id", swiftName: "id", type: .uuid, isPrimary: true,
                  defaultValue: .random, location: at(8, 7)),
            Field(name: "email", column: "email", swiftName: "email", type: .string(maxLength: 320),
                  isUnique: true, location: at(9, 7)),
            Field(name: "name", column: "name", swiftName: "name", type: .string(maxLength: 120),
                  isOptional: true, location: at(10, 7)),
            Field(name: "created_at", column: "created_at", swiftName: "createdAt", type: .timestamp,
                  defaultValue: .now, location: at(11, 7)),
        ],
        indexes: [
            Index(name: "custom_name", columns: [IndexColumn(column: "email")], isUnique: true, location: at(13, 9)),
        ],
        location: at(5, 3)
    )

    static let quoteFields = [
        Field(name: "id", column: "id", swiftName: "id", type: .uuid, isPrimary: true,
              defaultValue: .random, location: at(17, 7)),
        Field(name: "owner", column: "owner_id", swiftName: "ownerID", type: .uuid,
              reference: ForeignKey(entity: "User", table: "users", column: "id", onDelete: .restrict),
              location: at(18, 7)),
        Field(name: "quote", column: "quote_id", swiftName: "quoteID", type: .uuid, isOptional: true,
              reference: ForeignKey(entity: "Quote", table: "quotes", column: "id", onDelete: .setNull),
              location: at(19, 7)),
        Field(name: "title", column: "title", swiftName: "title", type: .string(maxLength: 200), location: at(20, 7)),
        Field(name: "status", column: "status", swiftName: "status", type: .enumeration("QuoteStatus"),
              defaultValue: .literal("draft"), location: at(21, 7)),
        Field(name: "total_amount", column: "total_amount", swiftName: "totalAmount",
              type: .decimal(precision: 12, scale: 2), defaultValue: .literal("0"), location: at(22, 7)),
        Field(name: "seq", column: "seq", swiftName: "seq", type: .bigint, defaultValue: .identity,
              location: at(23, 7)),
        Field(name: "metadata", column: "metadata", swiftName: "metadata", type: .json,
              defaultValue: .literal("{}"), location: at(24, 7)),
        Field(name: "valid_until", column: "valid_until", swiftName: "validUntil", type: .date, isOptional: true,
              location: at(25, 7)),
        Field(name: "created_at", column: "created_at", swiftName: "createdAt", type: .timestamp,
              defaultValue: .now, location: at(26, 7)),
    ]

    static let quoteIndexes = [
        Index(name: "quotes_owner_id_created_at_idx",
              columns: [IndexColumn(column: "owner_id"), IndexColumn(column: "created_at", isDescending: true)],
              isUnique: false, location: at(28, 9)),
        Index(name: "quotes_status_idx", columns: [IndexColumn(column: "status")], isUnique: false,
              location: at(29, 9)),
        Index(name: "quotes_owner_id_title_key",
              columns: [IndexColumn(column: "owner_id"), IndexColumn(column: "title")],
              isUnique: true, location: at(30, 9)),
        Index(name: "quotes_quote_id_idx", columns: [IndexColumn(column: "quote_id")], isUnique: false,
              location: at(31, 9)),
    ]

    @Test func fullExampleDecodesToTheExpectedSchema() throws {
        let result = try Fixtures.read("valid/full.yaml")
        #expect(result.diagnostics.isEmpty)
        let schema = try #require(result.schema)
        let status = EnumType(name: "QuoteStatus", sqlName: "quote_status",
                              cases: ["draft", "sent", "accepted", "rejected", "expired"], location: Self.at(3, 3))
        #expect(schema.version == 1)
        #expect(schema.enums == [status])
        #expect(schema.entities.count == 2)
        #expect(schema.entities.first == Self.user)
        let quote = try #require(schema.entity(named: "Quote"))
        #expect(quote.table == "quotes")
        #expect(quote.location == Self.at(14, 3))
        for (actual, expected) in zip(quote.fields, Self.quoteFields) {
            #expect(actual == expected)
        }
        #expect(quote.fields.count == Self.quoteFields.count)
        #expect(quote.indexes == Self.quoteIndexes)
        #expect(quote.primaryKey.name == "id")
    }

    @Test func blockStyleAnchorsAndDefaultTables() throws {
        let result = try Fixtures.read("valid/block_style.yaml")
        #expect(result.diagnostics.isEmpty)
        let schema = try #require(result.schema)
        #expect(schema.enums.map(\.sqlName) == ["role"])
        let event = try #require(schema.entity(named: "AnalyticsEvent"))
        #expect(event.table == "analytics_events")
        #expect(event.primaryKey.type == .bigint)
        #expect(event.primaryKey.defaultValue == .identity)
        let label = try #require(event.fields.first { $0.name == "label" })
        #expect(label.type == .text)
        let defaults = Dictionary(uniqueKeysWithValues: event.fields.map { ($0.name, $0.defaultValue) })
        #expect(defaults["ratio"] == .literal("-1.5e3"))
        #expect(defaults["count"] == .literal("-2147483648"))
        #expect(defaults["flag"] == .literal("false"))
        #expect(defaults["day"] == .literal("2024-02-29"))
        #expect(defaults["token"] == .literal("123e4567-e89b-12d3-a456-426614174000"))
        #expect(defaults["role"] == .literal("member"))
        #expect(defaults["note"] == .literal("now"))
        let category = try #require(event.fields.first { $0.name == "category" })
        #expect(category.column == "category_id")
        #expect(category.swiftName == "categoryID")
        #expect(category.type == .string(maxLength: 10))
        #expect(category.reference == ForeignKey(entity: "Category", table: "categories", column: "code",
                                                 onDelete: .cascade))
    }

    @Test func longDefaultIndexNamesAreTruncatedDeterministically() throws {
        let schema = try #require(try Fixtures.read("valid/long_names.yaml").schema)
        let names = schema.entities.first?.indexes.map(\.name) ?? []
        #expect(names.count == 2)
        #expect(names.allSatisfy { $0.utf8.count == 63 && Naming.isValidSQLIdentifier($0) })
        #expect(names.first?.hasSuffix("_idx") == true)
        #expect(names.last?.hasSuffix("_key") == true)
        #expect(names.first?.hasPrefix("a_table_name_that_is_quite_long_for_postgres_index_") == true)
        #expect(names == (try Fixtures.read("valid/long_names.yaml").schema?.entities.first?.indexes.map(\.name)))
    }

    @Test(arguments: (try? Fixtures.names(in: "valid")) ?? [])
    func everyValidFixtureHasNoDiagnostics(fixture: String) throws {
        let result = try Fixtures.read("valid/" + fixture)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.schema != nil)
    }

    @Test func readsFromAFilePath() {
        let path = Fixtures.schemasDirectory.appendingPathComponent("valid/full.yaml").path
        let result = SchemaReader.read(contentsOf: path)
        #expect(result.schema?.entities.map(\.name) == ["User", "Quote"])
        #expect(result.schema?.entities.first?.location.file == path)
    }

    @Test func unreadableFileIsADiagnosticAtLineOne() {
        let result = SchemaReader.read(contentsOf: "/nonexistent/schema.yaml")
        #expect(result.schema == nil)
        #expect(result.diagnostics.map(\.description) == [
            "/nonexistent/schema.yaml:1:1: error: cannot read schema file '/nonexistent/schema.yaml'",
        ])
    }
}
