import Foundation
import RepogenCore
import RepogenRuntime
import RepogenTesting
import Testing

/// What a database's schema looks like through the catalogs: one sorted line per column (type, nullability,
/// default, identity), constraint (`pg_get_constraintdef`), index (`pg_get_indexdef`, validity) and enum type.
enum Catalog {
    static let query = PostgresStatement(
        name: "migration_tests_catalog",
        sql: """
            SELECT line FROM (
              SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                || COALESCE(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END AS line
              FROM pg_attribute a
              JOIN pg_class c ON c.oid = a.attrelid
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
              WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0
                AND NOT a.attisdropped AND c.relname <> 'schema_migrations'
              UNION ALL
              SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
              FROM pg_constraint
              WHERE connamespace = 'public'::regnamespace AND conrelid <> 0
                AND conrelid::regclass::text <> 'schema_migrations'
              UNION ALL
              SELECT 'index ' || pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisvalid THEN '' ELSE ' INVALID' END
              FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
              WHERE c.relnamespace = 'public'::regnamespace AND c.relname <> 'schema_migrations'
              UNION ALL
              SELECT 'type ' || t.typname || ' ('
                || COALESCE(string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder), '') || ')'
              FROM pg_type t LEFT JOIN pg_enum e ON e.enumtypid = t.oid
              WHERE t.typnamespace = 'public'::regnamespace AND t.typtype = 'e'
              GROUP BY t.typname
            ) lines ORDER BY line
            """,
        parameterTypes: [])

    /// The catalog lines of the database `db` is connected to.
    static func lines(of db: Database) async throws -> [String] {
        try await db.run(query, PostgresBindings()).decodeRows { try $0.decode(String.self, at: 0) }
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
