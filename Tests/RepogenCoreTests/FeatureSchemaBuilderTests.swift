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

    /// The generated files of `schema`, with its DDL as the one embedded migration.
    static func generate(_ schema: Schema, namespace: String) throws -> [GeneratedFile] {
        let templates = try TemplateSet(directory: GoldenGenerationTests.packageRoot.appendingPathComponent(
            "templates").path)
        let ddl = MigrationHistory.schemaSQL(for: schema, sourceFile: "schema.yaml")
        let migration = MigrationFile(version: 1, name: "initial", up: ddl, down: nil)
        return Generator(templates: templates)
            .generate(schema, namespace: namespace, sourceFile: "schema.yaml", migrations: [migration])
    }
}

/// Writes the Swift-built schemas' generated code to `REPOGEN_FEATURE_DUMP` when set, for type-checking by hand.
@Suite struct FeatureSchemaBuilderTests {
    @Test func dumpsGeneratedCodeWhenAsked() throws {
        guard let directory = ProcessInfo.processInfo.environment["REPOGEN_FEATURE_DUMP"] else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in try FeatureSchemas.generate(FeatureSchemas.planned, namespace: "Planned") {
            try file.contents.write(toFile: directory + "/" + file.name, atomically: true, encoding: .utf8)
        }
    }
}
