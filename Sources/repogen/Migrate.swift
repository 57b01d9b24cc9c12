import ArgumentParser
import Foundation
import RepogenCore

/// `repogen migrate`: the committed migration history under `Generated/`, and applying it to a database.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write, check and apply versioned SQL migrations.",
        subcommands: [New.self, Check.self, Apply.self, Status.self, Down.self]
    )
}

/// Where the schema and its `Generated/` history are.
struct HistoryOptions: ParsableArguments {
    @Option(help: "The schema file.")
    var schema: String = "schema.yaml"

    @Option(help: "Where migrations/, schema.sql and the snapshot live (default: Generated beside the schema).")
    var generated: String?

    /// `Generated/` beside the schema unless given: the place the build plugin reads migrations from.
    var history: MigrationHistory {
        let schemaDirectory = (schema as NSString).deletingLastPathComponent as NSString
        return MigrationHistory(directory: generated ?? schemaDirectory.appendingPathComponent("Generated"))
    }
}

extension Migrate {
    /// `repogen migrate new NAME`: writes the next numbered migration for what changed since the snapshot.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the next migration (NNNN_NAME.up.sql/.down.sql), schema.sql and the snapshot."
        )

        @Argument(help: "A short snake_case name, e.g. add_quote_currency.")
        var name: String

        @OptionGroup var options: HistoryOptions

        @Flag(help: "Write risky steps (drops, narrowing, NOT NULL without default) without acknowledgements.")
        var allowDestructive = false

        func validate() throws {
            guard name.range(of: #"^[a-z0-9][a-z0-9_]{0,62}$"#, options: .regularExpression) != nil else {
                throw ValidationError("migration name '\(name)' must be snake_case: lowercase letters, digits and _")
            }
        }

        func run() throws {
            _ = try loadSchema(options.schema)
            let next: MigrationHistory.NextMigration
            do {
                next = try options.history.next(
                    name: name, schemaPath: options.schema, allowDestructive: allowDestructive)
            } catch {
                report(error.diagnostics)
                throw ExitCode.failure
            }
            guard let stem = next.stem else {
                print("No changes since the last migration: nothing written.")
                return
            }
            for file in next.files {
                try writeIfChanged(file.contents, to: file.path)
            }
            let steps = next.plan.steps
            let outside = steps.filter { !$0.isTransactional }.count
            let counts = " (\(steps.count) step\(steps.count == 1 ? "" : "s"), \(outside) outside the transaction)"
            print("wrote \(stem)\(steps.isEmpty ? "" : counts): " + next.files.map(\.path).joined(separator: ", "))
            for step in steps {
                print("  \(step.isTransactional ? "-" : "*") \(step.summary)")
            }
        }
    }

    /// `repogen migrate check`: fails when the schema has uncovered changes or `Generated/` is stale (for CI).
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fail when schema.yaml has changes no migration covers, or Generated/ is not what repogen writes."
        )

        @OptionGroup var options: HistoryOptions

        func run() throws {
            let problems = options.history.check(schemaPath: options.schema)
            report(problems)
            guard problems.isEmpty else { throw ExitCode.failure }
            let schema = CommandHints(schemaPath: options.schema).schemaArgument
            print("\(schema): every change is covered by a migration; Generated/ is up to date")
        }
    }
}
