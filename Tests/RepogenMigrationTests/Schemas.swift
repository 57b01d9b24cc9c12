import Foundation
import RepogenCore
import RepogenRuntime
import Testing

/// Schemas written as YAML, read by the real reader, for the migration tests.
enum Schemas {
    /// Users and quotes: an enum, a unique field, a foreign key, an identity key, an index.
    static let base = """
        version: 1
        enums:
          Status: [draft, sent]
        entities:
          User:
            table: users
            fields:
              id:    { type: uuid, primary: true, default: random }
              email: { type: string, max: 320, unique: true }
              name:  { type: string, max: 100 }
          Quote:
            table: quotes
            fields:
              id:     { type: bigint, primary: true, default: identity }
              owner:  { belongs_to: User, on_delete: cascade }
              title:  { type: string, max: 200 }
              status: { type: Status, default: draft }
              notes:  { type: text, optional: true }
              code:   { type: string, max: 10, optional: true }
            indexes:
              - { columns: [status] }

        """

    /// Rows in the base schema, so that backfills, validations and conversions meet data.
    static let seed = """
        INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada'), ('bob@example.com', 'Bob');
        INSERT INTO quotes (owner_id, title, code) SELECT id, 'Roof for ' || name, '42' FROM users;
        """

    /// Reads YAML text, failing the test with the reader's diagnostics when it is invalid.
    static func read(_ yaml: String, file: String = "schema.yaml") throws -> Schema {
        let result = SchemaReader.read(yaml: yaml, file: file)
        guard let schema = result.schema else {
            throw SchemaTestError(description: result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return schema
    }

    /// `base` with `original` replaced by `replacement` (which must occur).
    static func editing(_ edits: [(String, String)], in yaml: String = base) -> String {
        edits.reduce(yaml) { text, edit in
            precondition(text.contains(edit.0), "edit target not found: \(edit.0)")
            return text.replacingOccurrences(of: edit.0, with: edit.1)
        }
    }

    /// The migrations of a round trip: the old schema created from nothing, then the planned change.
    static func migrations(from old: Schema, to new: Schema) -> [Migration] {
        let initial = MigrationHistory.initialMigration(for: old, stem: "0001_initial", sourceFile: "schema.yaml")
        let plan = SchemaDiff.plan(from: old, to: new)
        let script = MigrationScript.render(plan, stem: "0002_change", sourceFile: "schema.yaml")
        return [
            Migration(version: 1, name: "initial", up: initial.up, down: initial.down),
            Migration(version: 2, name: "change", up: script.up, down: script.down),
        ]
    }
}

/// A schema in a test did not read.
struct SchemaTestError: Error, CustomStringConvertible {
    let description: String
}
