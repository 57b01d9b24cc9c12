import RepogenCore
import Testing

@Suite("Migration lint")
struct LintTests {
    /// A risky change, the acknowledgement that accepts it, and the start of the refusal message.
    struct RiskyChange: Sendable, CustomStringConvertible {
        let description: String
        let edits: [(String, String)]
        let acknowledgement: String
        let message: String
        let line: Int
    }

    static let changes: [RiskyChange] = [
        RiskyChange(
            description: "drop table", edits: [(RoundTripCase.tagEntity, "")], acknowledgement: "{ drop_table: tags }",
            message: "drops table tags and every row in it", line: 22),
        RiskyChange(
            description: "drop column", edits: [("      notes:  { type: text, optional: true }\n", "")],
            acknowledgement: "{ drop_column: quotes.notes }", message: "drops column quotes.notes and its data",
            line: 11),
        RiskyChange(
            description: "narrowing type", edits: [("max: 200 }", "max: 50 }")],
            acknowledgement: "{ narrow_type: quotes.title }",
            message: "changes quotes.title from varchar(200) to varchar(50)", line: 16),
        RiskyChange(
            description: "NOT NULL without default",
            edits: [("notes:  { type: text, optional: true }", "notes:  { type: text }")],
            acknowledgement: "{ set_not_null: quotes.notes }", message: "makes quotes.notes required without a default",
            line: 18),
        RiskyChange(
            description: "drop enum value", edits: [("Status: [draft, sent]", "Status: [draft]")],
            acknowledgement: "{ drop_enum_value: status.sent }", message: "removes value 'sent' from enum status",
            line: 3),
        RiskyChange(
            description: "drop unique constraint",
            edits: [("email: { type: string, max: 320, unique: true }", "email: { type: string, max: 320 }")],
            acknowledgement: "{ drop_index: users_email_key }", message: "drops unique constraint users_email_key",
            line: 9),
        RiskyChange(
            description: "full-text search added to an existing table",
            edits: [("    table: quotes\n", "    table: quotes\n    search: [title, notes]\n")],
            acknowledgement: "{ rewrite_table: quotes }",
            message: "adds the stored generated column quotes.search_vector, which rewrites every row of quotes",
            line: 11),
    ]

    @Test("a risky change is refused at its schema line, then accepted when acknowledged", arguments: changes)
    func refusedThenAcknowledged(_ change: RiskyChange) throws {
        let withTags = Schemas.base + RoundTripCase.tagEntity
        let old = try Schemas.read(withTags)
        let new = try Schemas.read(Schemas.editing(change.edits, in: withTags))
        let plan = SchemaDiff.plan(from: old, to: new)
        let refusals = MigrationLint.check(plan, acknowledgements: new.acknowledgements, allowDestructive: false)
        try #require(refusals.count == 1, "\(refusals)")
        #expect(refusals[0].description.hasPrefix("schema.yaml:\(change.line):"), "\(refusals[0])")
        #expect(refusals[0].message.hasPrefix(change.message), "\(refusals[0])")
        #expect(refusals[0].message.contains("acknowledge: [ \(change.acknowledgement) ]"))
        #expect(MigrationLint.check(plan, acknowledgements: [], allowDestructive: true) == [])

        let acknowledged = try Schemas.read(
            Schemas.editing(change.edits, in: withTags) + "acknowledge:\n  - \(change.acknowledgement)\n")
        let replanned = SchemaDiff.plan(from: old, to: acknowledged)
        let accepted = MigrationLint.check(
            replanned, acknowledgements: acknowledged.acknowledgements, allowDestructive: false)
        #expect(accepted == [])
    }

    @Test("a dropped table's refusal points at the snapshot, and says so")
    func droppedTableInSnapshot() throws {
        let old = try Schemas.read(Schemas.base + RoundTripCase.tagEntity, file: "Generated/schema.snapshot.yaml")
        let new = try Schemas.read(Schemas.base)
        let plan = SchemaDiff.plan(from: old, to: new)
        let refusals = MigrationLint.check(plan, acknowledgements: [], allowDestructive: false)
        #expect(refusals.map(\.location.file) == ["Generated/schema.snapshot.yaml"])
        #expect(refusals.first?.message.contains("in the snapshot") == true)
    }

    @Test("safe changes pass the lint: widening, optional columns, defaults, renames, new tables")
    func safeChanges() throws {
        let old = try Schemas.read(Schemas.base)
        let destructive = [
            "drop table", "drop column", "change type with a cast", "enum value removed", "unique constraints",
            "a searched column dropped with the search", "full-text search added to a table with rows",
            "full-text search language and columns changed",
        ]
        for change in RoundTripCase.all where !destructive.contains(change.description)
        {
            let plan = SchemaDiff.plan(from: try Schemas.read(change.old), to: try Schemas.read(change.new))
            #expect(MigrationLint.check(plan, acknowledgements: [], allowDestructive: false) == [], "\(change)")
        }
        _ = old
    }
}
