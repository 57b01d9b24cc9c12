import Foundation
import RepogenCore
import RepogenRuntime
import RepogenTesting
import Testing

/// Catalog snapshots for the migration tests: `DatabaseCatalog` (RepogenTesting) of a database, or of a fresh one
/// created by a schema's `schema.sql`.
enum Catalog {
    /// The catalog lines of the database `db` is connected to.
    static func lines(of db: Database) async throws -> [String] {
        try await DatabaseCatalog.lines(of: db)
    }

    /// The catalog lines of a fresh database created by `schema.sql` of `schema`.
    static func lines(creating schema: Schema) async throws -> [String] {
        try await withTestDatabase { db in
            try await db.runScript(MigrationHistory.schemaSQL(for: schema, sourceFile: "schema.yaml"))
            return try await lines(of: db)
        }
    }
}

/// Expects two catalogs to be equal, showing only the lines that differ.
func expectSameCatalog(
    _ actual: [String], _ expected: [String], _ comment: Comment,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let missing = expected.filter { !actual.contains($0) }
    let unexpected = actual.filter { !expected.contains($0) }
    #expect(missing == [], "\(comment): missing from the migrated database", sourceLocation: sourceLocation)
    #expect(unexpected == [], "\(comment): only in the migrated database", sourceLocation: sourceLocation)
    #expect(actual.count == expected.count, "\(comment): line counts differ", sourceLocation: sourceLocation)
}
