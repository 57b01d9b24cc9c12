import ArgumentParser
import Foundation
import RepogenCore

/// `repogen migrate`: the committed migration history under `Generated/`.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write and check versioned SQL migrations.",
        subcommands: [New.self]
    )
}

extension Migrate {
    /// `repogen migrate new NAME`: writes the next numbered migration for what changed since the snapshot.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the next migration (NNNN_NAME.up.sql/.down.sql)."
        )

        @Argument(help: "A short snake_case name, e.g. add_quote_currency.")
        var name: String

        @Option(help: "The schema file.")
        var schema: String = "schema.yaml"

        @Option(help: "Where migrations/, schema.sql and the snapshot live (default: Generated beside the schema).")
        var generated: String?

        /// `Generated/` beside the schema unless given: the place the build plugin reads migrations from.
        var generatedDirectory: String {
            let schemaDirectory = (schema as NSString).deletingLastPathComponent as NSString
            return generated ?? schemaDirectory.appendingPathComponent("Generated")
        }

        func validate() throws {
            guard name.range(of: #"^[a-z0-9][a-z0-9_]{0,62}$"#, options: .regularExpression) != nil else {
                throw ValidationError("migration name '\(name)' must be snake_case: lowercase letters, digits and _")
            }
        }

        func run() throws {
            let current = try loadSchema(schema)
            let history = MigrationHistory(directory: generatedDirectory)
            let existing = try loadMigrations(history)
            if FileManager.default.fileExists(atPath: history.snapshotPath) {
                try compareWithSnapshot(current, history: history)
                return
            }
            guard existing.isEmpty else {
                printError("\(history.snapshotPath):1:1: error: migrations exist but the snapshot is missing; "
                    + "restore it from version control")
                throw ExitCode.failure
            }
            try writeInitial(current, history: history)
        }

        func loadMigrations(_ history: MigrationHistory) throws -> [MigrationFile] {
            do {
                return try MigrationFile.load(directory: history.migrationsDirectory)
            } catch {
                report(error.diagnostics)
                throw ExitCode.failure
            }
        }

        func writeInitial(_ current: Schema, history: MigrationHistory) throws {
            let source = (schema as NSString).lastPathComponent
            let file = MigrationFile(version: 1, name: name, up: "", down: nil)
            let sql = MigrationHistory.initialMigration(for: current, stem: file.stem, sourceFile: source)
            let base = (history.migrationsDirectory as NSString).appendingPathComponent(file.stem)
            try writeIfChanged(sql.up, to: base + ".up.sql")
            try writeIfChanged(sql.down, to: base + ".down.sql")
            try writeIfChanged(MigrationHistory.schemaSQL(for: current, sourceFile: source), to: history.schemaSQLPath)
            try writeIfChanged(try String(contentsOfFile: schema, encoding: .utf8), to: history.snapshotPath)
            print("wrote \(base).up.sql, \(base).down.sql, \(history.schemaSQLPath), \(history.snapshotPath)")
        }

        func compareWithSnapshot(_ current: Schema, history: MigrationHistory) throws {
            let snapshot = SchemaReader.read(contentsOf: history.snapshotPath)
            report(snapshot.diagnostics)
            guard let previous = snapshot.schema else { throw ExitCode.failure }
            if SchemaDDL(schema: previous).createStatements() == SchemaDDL(schema: current).createStatements() {
                print("No changes since the last migration: nothing written.")
                return
            }
            printError("\(schema):1:1: error: the schema changed since the last migration, and diff-based migrations "
                + "are not implemented yet (only the first migration, from an empty snapshot, can be generated)")
            throw ExitCode.failure
        }
    }
}
