import Foundation
import RepogenCore
import Testing

@Suite("migrate new and migrate check on a Generated/ directory")
struct HistoryTests {
    /// A temporary package directory with `schema.yaml`, removed by the caller.
    static func package(_ yaml: String) throws -> (root: String, schema: String, history: MigrationHistory) {
        let root = NSTemporaryDirectory() + "repogen-history-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let schema = root + "/schema.yaml"
        try yaml.write(toFile: schema, atomically: true, encoding: .utf8)
        return (root, schema, MigrationHistory(directory: root + "/Generated"))
    }

    static func write(_ next: MigrationHistory.NextMigration) throws {
        for file in next.files {
            let directory = (file.path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try file.contents.write(toFile: file.path, atomically: true, encoding: .utf8)
        }
    }

    @Test("initial, then no change writes nothing, then a change writes 0002 and check passes again")
    func workflow() throws {
        let package = try Self.package(Schemas.base)
        defer { try? FileManager.default.removeItem(atPath: package.root) }
        let before = package.history.check(schemaPath: package.schema)
        #expect(before.first?.message.contains("no migration") == true)
        let initial = try package.history.next(name: "initial", schemaPath: package.schema, allowDestructive: false)
        #expect(initial.stem == "0001_initial")
        try Self.write(initial)
        #expect(package.history.check(schemaPath: package.schema) == [])
        let unchanged = try package.history.next(name: "again", schemaPath: package.schema, allowDestructive: false)
        #expect(unchanged.stem == nil && unchanged.files.isEmpty)

        let edited = Schemas.editing([(
            "notes:  { type: text, optional: true }",
            "notes:  { type: text, optional: true }\n      currency: { type: string, max: 3, default: \"USD\" }"
        )])
        try edited.write(toFile: package.schema, atomically: true, encoding: .utf8)
        let problems = package.history.check(schemaPath: package.schema)
        #expect(problems.map(\.location.line) == [19])
        #expect(problems.first?.message.contains("first: add column quotes.currency") == true)
        let second = try package.history.next(name: "add_currency", schemaPath: package.schema, allowDestructive: false)
        #expect(second.stem == "0002_add_currency")
        #expect(second.files.map { ($0.path as NSString).lastPathComponent } == [
            "0002_add_currency.up.sql", "0002_add_currency.down.sql", "schema.sql", "schema.snapshot.yaml",
        ])
        try Self.write(second)
        #expect(package.history.check(schemaPath: package.schema) == [])
        #expect(try String(contentsOfFile: package.history.snapshotPath, encoding: .utf8) == edited)
    }

    @Test("a risky change is refused before anything is written, and check reports a stale schema.sql")
    func refusalsAndStaleFiles() throws {
        let package = try Self.package(Schemas.base)
        defer { try? FileManager.default.removeItem(atPath: package.root) }
        try Self.write(try package.history.next(name: "initial", schemaPath: package.schema, allowDestructive: false))
        try Schemas.editing([("      notes:  { type: text, optional: true }\n", "")])
            .write(toFile: package.schema, atomically: true, encoding: .utf8)
        #expect(throws: DiagnosticsError.self) {
            try package.history.next(name: "drop_notes", schemaPath: package.schema, allowDestructive: false)
        }
        let allowed = try package.history.next(name: "drop_notes", schemaPath: package.schema, allowDestructive: true)
        #expect(allowed.stem == "0002_drop_notes")

        try Schemas.base.write(toFile: package.schema, atomically: true, encoding: .utf8)
        try "-- edited by hand\n".write(toFile: package.history.schemaSQLPath, atomically: true, encoding: .utf8)
        let problems = package.history.check(schemaPath: package.schema)
        #expect(problems.map(\.location.file) == [package.history.schemaSQLPath])
    }
}
