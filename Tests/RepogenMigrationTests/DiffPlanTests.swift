import RepogenCore
import RepogenRuntime
import Testing

@Suite("Migration plans")
struct DiffPlanTests {
    @Test("the same schema, differently laid out, plans nothing")
    func noChanges() throws {
        let old = try Schemas.read(Schemas.base)
        let moved = try Schemas.read("# a comment moves every line\n\n" + Schemas.base)
        #expect(SchemaDiff.plan(from: old, to: moved).isEmpty)
    }

    @Test("a renamed column is renamed, never dropped and added")
    func renameIsNotDropAndAdd() throws {
        let old = try Schemas.read(Schemas.base)
        let new = try Schemas.read(Schemas.editing([
            ("title:  { type: string, max: 200 }", "headline: { type: string, max: 200, renamed_from: title }"),
        ]))
        let sql = SchemaDiff.plan(from: old, to: new).steps.flatMap(\.up)
        #expect(sql == ["ALTER TABLE quotes RENAME COLUMN title TO headline;"])
    }

    @Test("indexes on existing tables build concurrently outside the transaction; on new tables inside it")
    func concurrentIndexes() throws {
        let old = try Schemas.read(Schemas.base)
        let new = try Schemas.read(Schemas.editing([
            ("      - { columns: [status] }\n", "      - { columns: [status] }\n      - { columns: [title] }\n"),
        ]) + RoundTripCase.tagEntity)
        let steps = SchemaDiff.plan(from: old, to: new).steps
        let concurrent = try #require(steps.first { $0.summary == "create index quotes_title_idx on quotes" })
        #expect(!concurrent.isTransactional)
        #expect(concurrent.up == [
            "DROP INDEX CONCURRENTLY IF EXISTS quotes_title_idx;",
            "CREATE INDEX CONCURRENTLY quotes_title_idx ON quotes (title);",
        ])
        let table = try #require(steps.first { $0.summary == "create table tags" })
        #expect(table.isTransactional)
        #expect(table.up.contains("CREATE INDEX tags_quote_id_label_idx ON tags (quote_id, label);"))
    }

    @Test("the file format marks non-transactional steps, and the runtime reads the same steps back")
    func fileFormatRoundTrip() throws {
        let old = try Schemas.read(Schemas.base)
        let new = try Schemas.read(Schemas.editing([
            ("Status: [draft, sent]", "Status: [draft, sent, archived]"),
            ("      - { columns: [status] }\n", "      - { columns: [status] }\n      - { columns: [title] }\n"),
        ]))
        let plan = SchemaDiff.plan(from: old, to: new)
        let files = MigrationScript.render(plan, stem: "0002_x", sourceFile: "schema.yaml")
        #expect(files.up.contains(
            "-- repogen:step 1: add value 'archived' to enum status\n-- repogen:no-transaction\n"))
        let migration = Migration(version: 2, name: "x", up: files.up, down: files.down)
        // The session pins before the first marker are an unmarked step of their own, run first.
        let pins = migration.steps.first?.statements.map { $0.split(separator: "\n").last.map(String.init) }
        #expect(pins == MigrationScript.sessionPins.split(separator: "\n").map { String($0.dropLast()) })
        let steps = migration.steps.dropFirst()
        #expect(steps.map(\.isTransactional) == plan.steps.map(\.isTransactional))
        #expect(steps.map(\.statements.count) == plan.steps.map(\.up.count))
        #expect(migration.isReversible)
    }

    @Test("statements split at semicolons outside strings, identifiers, dollar quotes and comments")
    func statementSplitting() {
        let migration = Migration(version: 1, name: "x", up: """
            -- a comment; not a statement
            CREATE TABLE "a;b" (note text DEFAULT 'x;y');
            CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql; /* c; d */
            SELECT $1
            """, down: nil)
        let statements = migration.steps.flatMap(\.statements)
        #expect(statements.count == 3)
        #expect(statements[1].hasSuffix("LANGUAGE sql"))
    }

    @Test("a primary key change is refused as unsupported, at the new key")
    func primaryKeyChange() throws {
        let old = try Schemas.read(Schemas.base)
        let new = try Schemas.read(Schemas.editing([
            ("id:     { type: bigint, primary: true, default: identity }",
             "id:     { type: bigint, default: identity }"),
            ("title:  { type: string, max: 200 }", "title:  { type: string, max: 200, primary: true }"),
        ]))
        let plan = SchemaDiff.plan(from: old, to: new)
        #expect(plan.unsupported.map(\.location.line) == [16])
        #expect(!MigrationLint.check(plan, acknowledgements: [], allowDestructive: true).isEmpty)
    }
}
