import ArgumentParser
import Foundation
import RepogenCore

/// `repogen validate [PATH]`: exit 0 when the schema is valid, 1 with located diagnostics on stderr.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a schema and report every problem with its location."
    )

    @Argument(help: "The schema file.")
    var path: String = "schema.yaml"

    func run() throws {
        let schema = try loadSchema(path)
        print("\(path): valid (\(schema.entities.count) entities, \(schema.enums.count) enums)")
    }
}

/// Reads and validates a schema, printing its diagnostics to stderr; throws `ExitCode.failure` on any error.
func loadSchema(_ path: String) throws -> Schema {
    let result = SchemaReader.read(contentsOf: path)
    report(result.diagnostics)
    guard let schema = result.schema else { throw ExitCode.failure }
    return schema
}
