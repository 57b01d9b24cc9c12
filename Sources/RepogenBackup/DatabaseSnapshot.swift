import RepogenRuntime

/// What a backup records about a database, read by SQL so the dump's side and the restored side compare alike.
///
/// A table's checksum is the sum, as `numeric`, of the first 64 bits of each row's MD5 over its text form: it
/// needs no sort and constant memory however large the table, does not depend on physical row order, and changes
/// when any row is altered, added or lost. The session settings that shape a row's text (time zone, date and
/// interval styles, float digits, bytea output) are pinned first, so both sides render rows the same way.
enum DatabaseSnapshot {
    /// The server and database a backup comes from.
    struct ServerInfo: Sendable {
        let database: String
        let version: String
        let versionNumber: Int

        /// The major version: 16 for 160004 (the numbering since PostgreSQL 10).
        var major: Int { versionNumber / 10000 }
    }

    /// Pins, for the current transaction only, the settings a row's text form depends on.
    static func pinRowText(on executor: some DatabaseExecutor) async throws {
        let sql = """
            SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, MDY', true),
                   set_config('IntervalStyle', 'postgres', true), set_config('extra_float_digits', '1', true),
                   set_config('bytea_output', 'hex', true)
            """
        _ = try await executor.run(statement(sql), PostgresBindings())
    }

    /// The database's name and the server's version.
    static func serverInfo(on executor: some DatabaseExecutor) async throws -> ServerInfo {
        let sql = "SELECT current_database()::text, current_setting('server_version'), "
            + "current_setting('server_version_num')::int4"
        let info = try await executor.run(statement(sql), PostgresBindings()).decodeFirst { row in
            ServerInfo(
                database: try row.decode(String.self, at: 0), version: try row.decode(String.self, at: 1),
                versionNumber: Int(try row.decode(Int32.self, at: 2)))
        }
        guard let info else {
            throw RepogenError(kind: .queryFailed, message: "the server returned no version")
        }
        return info
    }

    /// The newest fully applied version in `schema_migrations`, or nil when there is none (or no such table).
    static func migrationVersion(on executor: some DatabaseExecutor) async throws -> Int? {
        let exists = try await executor.run(
            statement("SELECT to_regclass('schema_migrations') IS NOT NULL"), PostgresBindings()
        ).decodeFirst { try $0.decode(Bool.self, at: 0) } ?? false
        guard exists else {
            return nil
        }
        let sql = "SELECT max(version) FROM schema_migrations WHERE resume_at IS NULL"
        let version = try await executor.run(statement(sql), PostgresBindings())
            .decodeFirst { try $0.decodeIfPresent(Int64.self, at: 0) } ?? nil
        return version.map(Int.init)
    }

    /// Every ordinary table outside the system schemas (partitions included, each on its own), sorted by name.
    static func tables(on executor: some DatabaseExecutor) async throws -> [TableSnapshot] {
        var snapshots: [TableSnapshot] = []
        for name in try await tableNames(on: executor) {
            // `name` comes from format('%I.%I'), so it is a correctly quoted identifier, never caller text.
            let sql = "SELECT count(*)::int8, coalesce(sum(('x' || left(md5(ROW(r.*)::text), 16))::bit(64)"
                + "::int8::numeric), 0)::text FROM ONLY \(name) AS r"
            let snapshot = try await executor.run(statement(sql), PostgresBindings()).decodeFirst { row in
                TableSnapshot(
                    table: name, rows: try row.decode(Int64.self, at: 0), checksum: try row.decode(String.self, at: 1))
            }
            snapshots += snapshot.map { [$0] } ?? []
        }
        return snapshots
    }

    /// The quoted, schema-qualified names of the ordinary tables outside the system schemas, sorted.
    static func tableNames(on executor: some DatabaseExecutor) async throws -> [String] {
        let sql = "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' " + userSchemas
        return try await executor.run(statement(sql), PostgresBindings())
            .decodeRows { try $0.decode(String.self, at: 0) }.sorted()
    }

    /// How many tables, views, sequences and the like the database holds outside the system schemas.
    static func relationCount(on executor: some DatabaseExecutor) async throws -> Int {
        let sql = "SELECT count(*)::int8 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') " + userSchemas
        return Int(try await executor.run(statement(sql), PostgresBindings())
            .decodeFirst { try $0.decode(Int64.self, at: 0) } ?? 0)
    }

    /// The schemas a backup covers: all but `information_schema`, `pg_catalog`, `pg_toast` and temporary ones.
    static let userSchemas = "AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'"

    /// The row-count and checksum differences between two snapshots, one line each; empty when they agree.
    static func differences(expected: [TableSnapshot], actual: [TableSnapshot]) -> [String] {
        let restored = Dictionary(actual.map { ($0.table, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [String] = []
        for table in expected {
            guard let copy = restored[table.table] else {
                lines.append("\(table.table) is missing")
                continue
            }
            if copy.rows != table.rows {
                lines.append("\(table.table) has \(copy.rows) rows, expected \(table.rows)")
            } else if copy.checksum != table.checksum {
                lines.append("\(table.table) has the expected \(table.rows) rows but other contents")
            }
        }
        let known = Set(expected.map(\.table))
        lines += actual.filter { !known.contains($0.table) }.map { "\($0.table) is not in the manifest" }
        return lines
    }

    /// A statement named after an FNV-1a hash of its text (each connection still keys statements by full text).
    private static func statement(_ sql: String) -> PostgresStatement {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return PostgresStatement(
            name: "repogen_backup_" + String(hash, radix: 16), sql: sql, parameterTypes: [], entity: "backup",
            operation: "snapshot", readOnly: true)
    }
}
