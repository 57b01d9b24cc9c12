/// The SQL and checks behind `Database.migrate`.
enum MigrationSQL {
    /// The advisory lock key: "repogen" in ASCII.
    static let lockKey = 0x7265_706F_6765_6E
    /// Tried rather than waited for: a session blocked in `pg_advisory_lock` holds a snapshot, and
    /// `CREATE INDEX CONCURRENTLY` in the session holding the lock would wait for it forever (a deadlock).
    static let tryLock = PostgresStatement(
        name: "repogen_migrations_try_lock", sql: "SELECT pg_try_advisory_lock(\(lockKey))", parameterTypes: [])
    /// Session settings every migration is applied with, whatever the server's or role's defaults: standard
    /// strings (a backslash in `'...'` is a character, so hand-written SQL reads as it reads in `psql` on a current
    /// server), UTF-8 text, and function bodies checked at `CREATE FUNCTION`. `search_path` is not pinned: the
    /// DDL names tables unqualified so that a deployment chooses its schema through `search_path`.
    static let pinSessionSQL = "SET standard_conforming_strings = on; SET client_encoding = 'UTF8'; "
        + "SET check_function_bodies = on"
    /// Undoes `pinSessionSQL` before the connection goes back to the pool.
    static let resetSessionSQL = "RESET standard_conforming_strings; RESET client_encoding; RESET check_function_bodies"
    static let unlockSQL = "SELECT pg_advisory_unlock(\(lockKey))"
    /// `resume_at` is the 0-based step a partly applied migration continues from; NULL once it is complete.
    static let createTableSQL = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version bigint PRIMARY KEY,
            name text NOT NULL,
            checksum text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            resume_at integer
        );
        ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS resume_at integer
        """
    static let tableExists = PostgresStatement(
        name: "repogen_migrations_exists", sql: "SELECT to_regclass('schema_migrations') IS NOT NULL",
        parameterTypes: [], readOnly: true)
    static let selectApplied = PostgresStatement(
        name: "repogen_migrations_applied_v2",
        sql: "SELECT version, name, checksum, resume_at FROM schema_migrations ORDER BY version",
        parameterTypes: [])
    static let recordApplied = PostgresStatement(
        name: "repogen_migrations_record_v2",
        sql: """
            INSERT INTO schema_migrations (version, name, checksum, resume_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (version) DO UPDATE SET resume_at = EXCLUDED.resume_at, applied_at = now()
            """,
        parameterTypes: [.int8, .text, .text, .int4])
    static let deleteApplied = PostgresStatement(
        name: "repogen_migrations_forget", sql: "DELETE FROM schema_migrations WHERE version = $1",
        parameterTypes: [.int8])

    /// A row of `schema_migrations`.
    struct Record: Sendable {
        let version: Int
        let name: String
        let checksum: String
        let resumeAt: Int?
    }

    static func checkUniqueVersions(_ migrations: [Migration]) throws {
        var seen = Set<Int>()
        for migration in migrations where !seen.insert(migration.version).inserted {
            throw RepogenError(
                kind: .invalidConfiguration, message: "two migrations share version \(migration.version)")
        }
    }

    static func checkUnchanged(_ migration: Migration, recordedChecksum: String) throws {
        guard recordedChecksum == migration.checksum else {
            throw RepogenError(
                kind: .migrationFailed,
                message: "migration \(migration.version) (\(migration.name)) was applied with checksum "
                    + "\(recordedChecksum) but its SQL now has checksum \(migration.checksum); applied migrations "
                    + "must not be edited: restore the file and add a new migration instead")
        }
    }

    /// The statement as shown in an error: comment lines dropped, at most 300 characters.
    static func display(_ statement: String) -> String {
        let lines = statement.split(separator: "\n").filter { !$0.trimmingPrefix(" ").hasPrefix("--") }
        let text = lines.joined(separator: "\n")
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}
