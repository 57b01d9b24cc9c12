import Foundation
import Testing
@testable import RepogenCore

/// Schemas built directly in Swift, so the code generator's feature handling is tested without the YAML reader.
enum FeatureSchemas {
    static let here = SourceLocation(file: "schema.yaml", line: 1, column: 1)

    static func field(
        _ name: String, _ type: FieldType, primary: Bool = false, optional: Bool = false, unique: Bool = false,
        default value: FieldDefault? = nil, references target: (entity: String, table: String)? = nil,
        role: FieldRole? = nil, doc: String? = nil
    ) -> Field {
        let column = target == nil ? name : name + "_id"
        return Field(
            name: name, column: column, swiftName: Naming.camelCase(column), type: type, isPrimary: primary,
            isOptional: optional, isUnique: unique, defaultValue: value,
            reference: target.map { ForeignKey(entity: $0.entity, table: $0.table, column: "id", onDelete: .cascade) },
            location: here, role: role, doc: doc)
    }

    static let id = field("id", .uuid, primary: true, default: .random)
    static let timestamps = [
        field("created_at", .timestamp, default: .now, role: .createdAt),
        field("updated_at", .timestamp, default: .now, role: .updatedAt),
    ]

    /// Users with timestamps, their quotes (soft-deleted, versioned), append-only events and tags through a join.
    static let planned = Schema(
        enums: [EnumType(name: "QuoteStatus", sqlName: "quote_status", cases: ["draft", "sent", "in_review"],
                         location: here, doc: "Where a quote is in its life.\nSet by the owner.")],
        entities: [
            Entity(
                name: "User", table: "users",
                fields: [id, field("email", .string(maxLength: 320), unique: true, doc: "Login name; */ unique.")]
                    + timestamps,
                indexes: [], location: here, behaviours: .init(timestamps: true),
                relations: [
                    Relation(name: "quotes", swiftName: "quotes", kind: .hasMany, entity: "Quote",
                             foreignKey: "owner_id", location: here),
                    Relation(name: "events", swiftName: "events", kind: .hasMany, entity: "AnalyticsEvent",
                             foreignKey: "user_id", location: here),
                ],
                finders: [Finder(name: "byEmail", columns: ["email"], order: [], isUnique: true, location: here)],
                doc: "Someone who asks for quotes.\n\n  Indented second paragraph.\r\n"),
            Entity(
                name: "Quote", table: "quotes",
                fields: [id, field("owner", .uuid, references: ("User", "users")),
                         field("status", .enumeration("QuoteStatus"), default: .literal("draft")),
                         field("title", .string(maxLength: 200))] + timestamps
                    + [field("deleted_at", .timestamp, optional: true, role: .softDelete),
                       field("version", .bigint, default: .literal("1"), role: .version)],
                indexes: [], location: here,
                behaviours: .init(softDelete: true, versioned: true, audited: true, timestamps: true),
                relations: [
                    Relation(name: "tags", swiftName: "tags", kind: .manyToMany, entity: "Tag",
                             foreignKey: "quote_id", through: "QuoteTag", targetKey: "tag_id", location: here),
                ],
                finders: [
                    Finder(name: "byOwner", columns: ["owner_id"], order: [IndexColumn(column: "created_at",
                           isDescending: true)], isUnique: false, location: here),
                    Finder(name: "byOwnerAndStatus", columns: ["owner_id", "status"], order: [], isUnique: false,
                           location: here),
                ]),
            Entity(
                name: "AnalyticsEvent", table: "analytics_events",
                fields: [field("id", .bigint, primary: true, default: .identity),
                         field("user", .uuid, references: ("User", "users")),
                         field("quote", .uuid, optional: true, references: ("Quote", "quotes")),
                         field("kind", .string(maxLength: 64))],
                indexes: [], location: here, behaviours: .init(appendOnly: true)),
            Entity(name: "Tag", table: "tags", fields: [id, field("label", .string(maxLength: 40), unique: true)],
                   indexes: [], location: here),
            Entity(
                name: "QuoteTag", table: "quote_tags",
                fields: [id, field("quote", .uuid, references: ("Quote", "quotes")),
                         field("tag", .uuid, references: ("Tag", "tags"))],
                indexes: [], location: here),
        ])
}

/// What the contexts decide for each behaviour, checked on a schema built in Swift.
@Suite struct FeatureSchemaBuilderTests {
    func context(_ name: String) throws -> EntityContext {
        let entity = try #require(FeatureSchemas.planned.entity(named: name))
        return EntityContext(entity: entity, schema: FeatureSchemas.planned)
    }

    func sql(_ context: EntityContext, _ property: String) throws -> String {
        try #require(context.statements.first { $0.property == property }).sqlLiteral
    }

    @Test func managedColumnsAreNeverInputs() throws {
        let quote = try context("Quote")
        #expect(quote.inputProperties.map(\.name) == ["ownerID", "title", "id", "status"])
        #expect(quote.patchProperties.map(\.name) == ["ownerID", "status", "title"])
        #expect(try sql(quote, "update").contains("updated_at = now(), version = version + 1 WHERE id = $1::uuid"))
        #expect(try sql(quote, "updateExpectingVersion").contains("AND deleted_at IS NULL AND version = $8::bigint"))
    }

    @Test func softDeleteHidesRowsAndAddsRestore() throws {
        let quote = try context("Quote")
        #expect(try sql(quote, "find").hasSuffix("WHERE id = $1::uuid AND deleted_at IS NULL\""))
        #expect(try sql(quote, "findIncludingDeleted").hasSuffix("WHERE id = $1::uuid\""))
        #expect(try sql(quote, "delete").hasPrefix("\"UPDATE quotes SET deleted_at = now()"))
        #expect(try sql(quote, "hardDelete") == "\"DELETE FROM quotes WHERE id = $1::uuid\"")
        #expect(try sql(quote, "restore").contains("SET deleted_at = NULL"))
        #expect(quote.reads.includeDeletedParameter == ", includeDeleted: Bool = false")
    }

    @Test func appendOnlyHasNoWrites() throws {
        let events = try context("AnalyticsEvent")
        #expect(!events.canWrite)
        #expect(!events.statements.contains { ["update", "delete", "restore"].contains($0.property) })
    }

    @Test func findersAndRelationsAreTyped() throws {
        let quote = try context("Quote")
        #expect(quote.finders.map { $0.signature.map(\.line) } == [
            ["public func findByOwner(_ ownerID: UUID, page: PageRequest = .first(100)) async throws -> [Quote] {"],
            [
                "public func findByOwnerAndStatus(",
                "    _ ownerID: UUID, status: QuoteStatus, page: PageRequest = .first(100)",
                ") async throws -> [Quote] {",
            ],
        ])
        let byOwner = try sql(quote, "findByOwner")
        #expect(byOwner.contains("ORDER BY created_at DESC, id LIMIT $2::bigint OFFSET $3::bigint"))
        #expect(try sql(quote, "loadTags").contains("JOIN quote_tags AS link ON link.tag_id = target.id"))
        let user = try context("User")
        #expect(user.relations.map(\.resultType) == ["[UUID: [Quote]]", "[UUID: [AnalyticsEvent]]"])
        #expect(try sql(user, "loadQuotes").contains("owner_id = ANY($1::uuid[]) AND deleted_at IS NULL"))
        let byEmail = user.finders.first?.signature.first?.line
        #expect(byEmail == "public func findByEmail(_ email: String) async throws -> User? {")
    }

    @Test func docTextBecomesSafeCommentLines() throws {
        let lines = DocComment.lines("First.\r\n\n  Second */ line.\u{7}\n\n", summary: "Summary.").map(\.line)
        #expect(lines == ["/// First.", "///", "///   Second */ line.", "///", "/// Summary."])
        #expect(DocComment.lines(nil, summary: "Only.").map(\.line) == ["/// Only."])
    }
}
