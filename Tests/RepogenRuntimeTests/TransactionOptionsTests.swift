@testable import RepogenRuntime
import RepogenTesting
import Testing

/// Isolation level, read-only and deferrable, sent with BEGIN; serializable prevents write skew by retrying.
@Suite("Transaction options")
struct TransactionOptionsTests {
    /// The classic write skew: at least one doctor must stay on call; each goes off call if another is on.
    private static let doctors = """
        CREATE TABLE doctors (name text PRIMARY KEY, on_call boolean NOT NULL);
        INSERT INTO doctors VALUES ('alice', true), ('bob', true);
        """
    private static let goOffCall = PostgresStatement(
        name: "doctors_off_call", sql: "UPDATE doctors SET on_call = false WHERE name = $1", parameterTypes: [.text])

    /// What a write-skew run left: doctors on call, attempts in all, and the errors the callers saw.
    private struct SkewOutcome {
        var onCall: Int64
        var attempts: Int
        var errors: [RepogenError]
    }

    /// One doctor's transaction: count who is on call, wait until the other doctor has counted too (a retry does
    /// not wait: the gate stays open), then go off call if someone else still is. Returns the error it ended with.
    private func leaveIfCovered(
        _ name: String, on db: Database, options: TransactionOptions, counted mine: Gate, theirs: Gate,
        attempts: Locked<Int>
    ) async -> RepogenError? {
        do {
            try await db.transaction(options: options) { tx in
                attempts.withLock { $0 += 1 }
                let onCall = try await tx.scalar(Int64.self, "SELECT count(*) FROM doctors WHERE on_call") ?? 0
                mine.open()
                await theirs.wait()
                if onCall >= 2 {
                    _ = try await tx.run(Self.goOffCall, binds { $0.append(name) })
                }
            }
            return nil
        } catch {
            return error as? RepogenError ?? RepogenError(kind: .queryFailed, message: "\(error)")
        }
    }

    /// Runs both doctors' transactions concurrently, each reading before either writes.
    private func writeSkew(_ options: TransactionOptions, on db: Database) async throws -> SkewOutcome {
        try await db.runScript(Self.doctors)
        let (aliceCounted, bobCounted) = (Gate(), Gate())
        let attempts = Locked(0)
        async let alice = leaveIfCovered(
            "alice", on: db, options: options, counted: aliceCounted, theirs: bobCounted, attempts: attempts)
        async let bob = leaveIfCovered(
            "bob", on: db, options: options, counted: bobCounted, theirs: aliceCounted, attempts: attempts)
        let errors = await [alice, bob].compactMap { $0 }
        let onCall = try await db.scalar(Int64.self, "SELECT count(*) FROM doctors WHERE on_call") ?? -1
        return SkewOutcome(onCall: onCall, attempts: attempts.current, errors: errors)
    }

    @Test("repeatable read lets both doctors go off call: the write-skew anomaly this test is about")
    func repeatableReadAllowsWriteSkew() async throws {
        try await withTestDatabase { db in
            let outcome = try await writeSkew(.repeatableRead, on: db)
            #expect(outcome.errors.isEmpty)
            #expect(outcome.onCall == 0)
            #expect(outcome.attempts == 2)
        }
    }

    @Test("serializable fails one of them with 40001 and runs its closure again, whole: one doctor stays on call")
    func serializablePreventsWriteSkew() async throws {
        try await withTestDatabase { db in
            let outcome = try await writeSkew(.serializable, on: db)
            #expect(outcome.errors.isEmpty)
            #expect(outcome.onCall == 1)
            #expect(outcome.attempts >= 3)  // the loser ran again after the 40001 (PostgreSQL picks which one)
        }
    }

    @Test("with retries off, the 40001 reaches the caller as a serialization failure")
    func serializationFailureWithoutRetry() async throws {
        try await withTestDatabase(options: DatabaseOptions(retry: .never)) { db in
            let outcome = try await writeSkew(.serializable, on: db)
            #expect(outcome.errors.count == 1)
            #expect(outcome.errors.first?.isSerializationFailure == true)
            #expect(outcome.onCall == 1)
            #expect(outcome.attempts == 2)
        }
    }

    @Test("a read-only transaction refuses a write with readOnlyTransaction (25006), not retried")
    func readOnlyRefusesWrites() async throws {
        try await withTestDatabase { db in
            try await db.runScript(Self.doctors)
            let attempts = Locked(0)
            let error = await #expect(throws: RepogenError.self) {
                try await db.transaction(options: .readOnly) { tx in
                    attempts.withLock { $0 += 1 }
                    #expect(try await tx.scalar(Int64.self, "SELECT count(*) FROM doctors") == 2)
                    _ = try await tx.run(Self.goOffCall, binds { $0.append("alice") })
                }
            }
            #expect(error?.kind == .readOnlyTransaction)
            #expect(error?.sqlState == "25006")
            #expect(attempts.current == 1)
            #expect(try await db.scalar(Int64.self, "SELECT count(*) FROM doctors WHERE on_call") == 2)
        }
    }

    @Test("the options reach the server with BEGIN, savepoints share them, tenants combine with them")
    func optionsReachTheServer() async throws {
        try await withTestDatabase { db in
            let shown = try await db.transaction(tenant: "t1", options: .serializableSnapshot) { tx in
                try await tx.transaction { savepoint in
                    #expect(savepoint.options == .serializableSnapshot)
                    var settings: [String] = []
                    for name in ["transaction_isolation", "transaction_read_only", "transaction_deferrable"] {
                        settings.append(try await savepoint.scalar(String.self, "SHOW \(name)") ?? "")
                    }
                    let tenant = "SELECT current_setting('app.tenant_id')"
                    settings.append(try await savepoint.scalar(String.self, tenant) ?? "")
                    return settings
                }
            }
            #expect(shown == ["serializable", "on", "on", "t1"])
            let plain = try await db.transaction { tx in
                try await tx.scalar(String.self, "SHOW transaction_read_only")
            }
            #expect(plain == "off")
        }
    }

    @Test("BEGIN statements, and DEFERRABLE refused where PostgreSQL would ignore it")
    func beginStatementsAndValidation() async throws {
        #expect(TransactionOptions.default.beginStatement == "BEGIN")
        #expect(TransactionOptions.readCommitted.beginStatement == "BEGIN ISOLATION LEVEL READ COMMITTED")
        #expect(TransactionOptions(isolationLevel: .repeatableRead, readOnly: true).beginStatement
            == "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        #expect(TransactionOptions.serializableSnapshot.beginStatement
            == "BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY DEFERRABLE")
        #expect(throws: Never.self) { try TransactionOptions.serializableSnapshot.validate() }
        for invalid in [
            TransactionOptions(deferrable: true), TransactionOptions(isolationLevel: .serializable, deferrable: true),
            TransactionOptions(isolationLevel: .repeatableRead, readOnly: true, deferrable: true),
        ] {
            let error = #expect(throws: RepogenError.self) { try invalid.validate() }
            #expect(error?.kind == .invalidConfiguration)
        }
        try await withTestDatabase { db in
            let ran = Locked(false)
            await #expect(throws: RepogenError.self) {
                try await db.transaction(options: .init(readOnly: true, deferrable: true)) { _ in
                    ran.withLock { $0 = true }
                }
            }
            #expect(!ran.current)
        }
    }
}
