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

    @Option(help: "The directory holding the Mustache templates.")
    var templates: String = "templates"

    @Option(help: "The prefix of generated schema-wide names (NAMESPACERepositories, NAMESPACESchema).")
    var namespace: String = "App"

    @Option(help: "The directory of committed migrations to embed (NNNN_name.up.sql).")
    var migrations: String?

    func run() throws {
        let schemaValue = try loadSchema(schema)
        do {
            let templateSet = try TemplateSet(directory: templates)
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
        } catch let error as DiagnosticsError {
            report(error.diagnostics)
            throw ExitCode.failure
        }
    }
}
