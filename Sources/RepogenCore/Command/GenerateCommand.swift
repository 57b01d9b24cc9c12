import Foundation

/// `repogen generate`, the one implementation behind both the full CLI's subcommand and the `repogen-generate` tool
/// the build plugin runs: renders the Swift sources of a schema into a directory.
public enum GenerateCommand {
    /// Runs the command line `arguments` (without the tool's name) and returns the process's exit status:
    /// 0 on success, 1 when the schema, templates or migrations have errors, 64 for a wrong command line.
    public static func main(arguments: [String]) -> Int32 {
        let options: GenerateOptions
        do {
            guard let parsed = try GenerateOptions.parse(arguments) else {
                print(GenerateOptions.usage)
                return 0
            }
            options = parsed
        } catch {
            printError("error: \(error); `--help` lists the options")
            return 64
        }
        return run(options) ? 0 : 1
    }

    /// Generates the sources `options` ask for, printing every diagnostic to standard error; false on any error.
    public static func run(_ options: GenerateOptions) -> Bool {
        let result = SchemaReader.read(contentsOf: options.schema)
        report(result.diagnostics)
        guard let schema = result.schema else { return false }
        let namespaceProblems = Naming.namespaceDiagnostics(
            options.namespace, schema: schema, schemaFile: options.schema)
        guard namespaceProblems.isEmpty else {
            report(namespaceProblems)
            return false
        }
        do {
            let templateSet = try TemplateSet(defaults: options.defaultTemplates, overrides: options.templates)
            report(templateSet.warnings)
            let migrationFiles = try options.migrations.map { path throws(DiagnosticsError) in
                try MigrationFile.load(directory: path)
            } ?? []
            let files = Generator(templates: templateSet).generate(
                schema, namespace: options.namespace, sourceFile: (options.schema as NSString).lastPathComponent,
                migrations: migrationFiles
            )
            for file in files {
                try writeIfChanged(file.contents, to: (options.output as NSString).appendingPathComponent(file.name))
            }
            warnAboutUncoveredChanges(schema, options: options, hasMigrations: !migrationFiles.isEmpty)
            return true
        } catch let error as DiagnosticsError {
            report(error.diagnostics)
        } catch {
            printError("error: cannot write to '\(options.output)': \(error.localizedDescription)")
        }
        return false
    }

    /// Prints a `warning:` SwiftPM shows, at the schema, when it has changes the last migration's snapshot lacks.
    static func warnAboutUncoveredChanges(_ current: Schema, options: GenerateOptions, hasMigrations: Bool) {
        guard let snapshot = options.snapshot else { return }
        let hints = CommandHints(schemaPath: options.schema, userDirectory: options.packageDirectory)
        guard FileManager.default.fileExists(atPath: snapshot) else {
            if !hasMigrations {
                printError(Diagnostic.warning(
                    "no migration creates this schema yet; run `\(hints.migrateNew("initial"))`",
                    at: .start(of: options.schema)).description)
            }
            return
        }
        guard let previous = SchemaReader.read(contentsOf: snapshot).schema else {
            printError(Diagnostic.warning("the migration snapshot does not read; run `\(hints.migrateCheck)`",
                                          at: .start(of: snapshot)).description)
            return
        }
        let plan = SchemaDiff.plan(from: previous, to: current)
        if !plan.isEmpty {
            printError(MigrationHistory.uncoveredChanges(
                plan, schemaPath: options.schema, severity: .warning, hints: hints).description)
        }
    }
}
