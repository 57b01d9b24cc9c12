import RepogenRuntime

/// A statement as `pg_stat_statements` recorded it in this database.
struct RecordedStatement: Sendable {
    let query: String
    let calls: Int
    let totalMilliseconds: Double
    let meanMilliseconds: Double
}

/// A table's size and scan counts from `pg_stat_user_tables`.
struct TableFigures: Sendable {
    let name: String
    let liveRows: Int
    let sequentialScans: Int
    let columns: Set<String>
}

/// The statistics views the advisor reads, through its own one-connection `Database`; each statement carries
/// `PlanProbe.marker`, so the ranking leaves them out.
enum ServerStatistics {
    /// Whether the `pg_stat_statements` extension exists in this database. (Whether its library is preloaded shows
    /// only when the view is read: `shared_preload_libraries` is not readable by every role.)
    static func statementsInstalled(on db: Database) async throws -> Bool {
        let check = PostgresStatement(
            name: "repogen_advisor_extension",
            sql: "SELECT /* repogen-advisor */ "
                + "EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements')",
            parameterTypes: [], readOnly: true)
        return try await db.run(check, PostgresBindings()).decodeFirst { try $0.decode(Bool.self, at: 0) } ?? false
    }

    /// This database's top-level statements by total execution time, most first.
    static func statements(on db: Database, limit: Int) async throws -> [RecordedStatement] {
        let statement = PostgresStatement(
            name: "repogen_advisor_statements",
            sql: """
                SELECT /* repogen-advisor */ query, calls::int8, total_exec_time::float8, mean_exec_time::float8 \
                FROM pg_stat_statements \
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND toplevel \
                ORDER BY total_exec_time DESC LIMIT $1::int8
                """,
            parameterTypes: [.int8], readOnly: true)
        var binds = PostgresBindings()
        binds.append(limit)
        return try await db.run(statement, binds).decodeRows {
            RecordedStatement(
                query: try $0.decode(String.self, at: 0), calls: try $0.decode(Int.self, at: 1),
                totalMilliseconds: try $0.decode(Double.self, at: 2),
                meanMilliseconds: try $0.decode(Double.self, at: 3))
        }
    }

    /// Every user table in the search path, with its estimated rows and its columns, keyed by name.
    ///
    /// The rows are the planner's estimate (`reltuples`, kept by ANALYZE and autovacuum), and the live-tuple count
    /// only for a table never analyzed: that count is flushed by each backend later and may add inserts an ANALYZE
    /// already counted.
    static func tables(on db: Database) async throws -> [String: TableFigures] {
        let statement = PostgresStatement(
            name: "repogen_advisor_tables",
            sql: """
                SELECT /* repogen-advisor */ t.relname::text, \
                (CASE WHEN c.reltuples >= 0 THEN c.reltuples::int8 ELSE t.n_live_tup END)::int8, t.seq_scan::int8, \
                array_to_string(array(SELECT attname::text FROM pg_attribute \
                WHERE attrelid = t.relid AND attnum > 0 AND NOT attisdropped), ',') \
                FROM pg_stat_user_tables t JOIN pg_class c ON c.oid = t.relid \
                WHERE t.schemaname = ANY (current_schemas(false))
                """,
            parameterTypes: [], readOnly: true)
        let tables = try await db.run(statement, PostgresBindings()).decodeRows {
            TableFigures(
                name: try $0.decode(String.self, at: 0), liveRows: try $0.decode(Int.self, at: 1),
                sequentialScans: try $0.decode(Int.self, at: 2),
                columns: Set(try $0.decode(String.self, at: 3).split(separator: ",").map(String.init)))
        }
        return Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every index of a user table in the search path, with its scan count and definition.
    static func indexes(on db: Database) async throws -> [IndexFigures] {
        let statement = PostgresStatement(
            name: "repogen_advisor_indexes",
            sql: """
                SELECT /* repogen-advisor */ s.indexrelname::text, s.relname::text, s.idx_scan::int8, \
                i.indisunique, i.indisprimary, \
                pg_get_indexdef(s.indexrelid), pg_relation_size(s.indexrelid)::int8 \
                FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid \
                WHERE s.schemaname = ANY (current_schemas(false)) ORDER BY s.relname, s.indexrelname
                """,
            parameterTypes: [], readOnly: true)
        return try await db.run(statement, PostgresBindings()).decodeRows {
            IndexFigures(
                name: try $0.decode(String.self, at: 0), table: try $0.decode(String.self, at: 1),
                scans: try $0.decode(Int.self, at: 2), isUnique: try $0.decode(Bool.self, at: 3),
                isPrimary: try $0.decode(Bool.self, at: 4), definition: try $0.decode(String.self, at: 5),
                sizeBytes: try $0.decode(Int.self, at: 6))
        }
    }
}
