import ArgumentParser
import Foundation
import RepogenCore

/// `repogen generate`: renders the Swift sources of a schema into a directory (what the build plugin runs).
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Generate Swift sources from a schema.")

    @Option(help: "The schema file.")
    var schema: String = "schema.yaml"

    @Option(help: "The directory the Swift files are written to.")
    var output: String

    @Option(help: "A directory of NAME.mustache files replacing the default templates of the same name (any subset).")
    var templates: String?

    @Option(help: "A directory holding every default template (default: the copy built into repogen).")
    var defaultTemplates: String?

    @Option(help: "The prefix of generated schema-wide names (NAMESPACERepositories, NAMESPACESchema).")
    var namespace: String = "App"

    @Option(help: "The directory of committed migrations to embed (NNNN_name.up.sql).")
    var migrations: String?

    @Option(help: "The snapshot of the last migration; a warning is printed when the schema differs from it.")
    var snapshot: String?

    func run() throws {
        let schemaValue = try loadSchema(schema)
        let namespaceProblems = Naming.namespaceDiagnostics(namespace, schema: schemaValue, schemaFile: schema)
        guard namespaceProblems.isEmpty else {
            report(namespaceProblems)
            throw ExitCode.failure
        }
        do {
            let templateSet = try TemplateSet(defaults: defaultTemplates, overrides: templates)
            report(templateSet.warnings)
            let migrationFiles = try migrations.map { path throws(DiagnosticsError) in
                try MigrationFile.load(directory: path)
            } ?? []
            let files = Generator(templates: templateSet).generate(
                schemaValue, namespace: namespace, sourceFile: (schema as NSString).lastPathComponent,
                migrations: migrationFiles
            )
            for file in files {
                try writeIfChanged(file.contents, to: (output as NSString).appendingPathComponent(file.name))
            }
            warnAboutUncoveredChanges(schemaValue, hasMigrations: !migrationFiles.isEmpty)
        } catch let error as DiagnosticsError {
            report(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

extension Generate {
    /// Prints a `warning:` SwiftPM shows, at the schema, when it has changes the last migration's snapshot lacks.
    func warnAboutUncoveredChanges(_ current: Schema, hasMigrations: Bool) {
        guard let snapshot else { return }
        guard FileManager.default.fileExists(atPath: snapshot) else {
            if !hasMigrations {
                printError(Diagnostic.warning(
                    "no migration creates this schema yet; run "
                        + "`swift run repogen migrate new initial --schema \(schema)`",
                    at: .start(of: schema)).description)
            }
            return
        }
        guard let previous = SchemaReader.read(contentsOf: snapshot).schema else {
            printError(Diagnostic.warning("the migration snapshot does not read; run `repogen migrate check`",
                                          at: .start(of: snapshot)).description)
            return
        }
        let plan = SchemaDiff.plan(from: previous, to: current)
        if !plan.isEmpty {
            printError(MigrationHistory.uncoveredChanges(plan, schemaPath: schema, severity: .warning).description)
        }
    }
}
