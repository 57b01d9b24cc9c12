import RepogenRuntime

/// What a database's schema looks like through the catalogs, as sorted lines: one per column (type, nullability,
/// default, identity), constraint (`pg_get_constraintdef`), index (`pg_get_indexdef`, validity), enum type, and
/// row-level security (the table's flags and each policy's expressions). `schema_migrations` is left out.
///
/// Two databases with the same lines have the same schema as far as repogen's DDL and migrations can tell.
/// ```swift
/// let before = try await DatabaseCatalog.lines(of: db)
/// try await db.migrate(migrations)
/// #expect(try await DatabaseCatalog.lines(of: db) == expected)
/// ```
public enum DatabaseCatalog {
    /// The catalog query; each row is one line.
    public static let query = PostgresStatement(
        name: "repogen_testing_catalog",
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
              UNION ALL
              SELECT 'row level security ' || c.relname
                || CASE WHEN c.relforcerowsecurity THEN ' forced' ELSE '' END
              FROM pg_class c
              WHERE c.relnamespace = 'public'::regnamespace AND c.relrowsecurity
              UNION ALL
              SELECT 'policy ' || p.polrelid::regclass::text || ' ' || p.polname || ' ' || p.polcmd::text
                || COALESCE(' using ' || pg_get_expr(p.polqual, p.polrelid), '')
                || COALESCE(' check ' || pg_get_expr(p.polwithcheck, p.polrelid), '')
              FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
              WHERE c.relnamespace = 'public'::regnamespace
            ) lines ORDER BY line
            """,
        parameterTypes: [])

    /// The catalog lines of the database `db` is connected to.
    public static func lines(of db: Database) async throws -> [String] {
        try await db.run(query, PostgresBindings()).decodeRows { try $0.decode(String.self, at: 0) }
    }

    /// The lines only one side has, each prefixed with `-` (only in `expected`) or `+` (only in `actual`).
    public static func difference(_ actual: [String], from expected: [String]) -> [String] {
        let missing = expected.filter { !actual.contains($0) }.map { "- " + $0 }
        let unexpected = actual.filter { !expected.contains($0) }.map { "+ " + $0 }
        return missing + unexpected
    }
}
