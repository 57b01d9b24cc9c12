import BenchQuoteMaster
import Foundation

/// The `transaction` workload (update a quote, audited; update a user; record an event, in one unit of work) against
/// a pgbench custom script that runs the same three generated statements between BEGIN and COMMIT.
///
/// pgbench cannot pick a random UUID, so both sides draw their keys from `bench_keys` (1,000 quotes and their
/// owners): our side reads the key list once, the script finds its keys with a subquery inside each statement, which
/// costs the server an index probe of a 1,000-row table and no extra round trip. The script is built from the
/// generated statements' own SQL, with each bind written as the literal our side binds, so the two sides send the
/// same statements: pgbench in five round trips (BEGIN, three statements, COMMIT), our side in four, since a unit
/// of work sends its BEGIN in the batch of its first statement.
struct TransactionPair: Sendable {
    /// The database our side runs the transactions on (a pool of 1, one task, as pgbench's one client).
    let database: Database
    /// `(quote, user)` keys in `bench_keys` order.
    let keys: [(quote: UUID, user: UUID)]

    /// Creates `bench_keys` from the first 1,000 of `quotes` (each with its owner) and reads it back.
    static func prepare(_ database: Database, quotes: [UUID]) async throws -> TransactionPair {
        let list = quotes.prefix(1000).map { "'\($0.uuidString)'::uuid" }.joined(separator: ", ")
        try await database.runScript("""
            DROP TABLE IF EXISTS bench_keys;
            CREATE TABLE bench_keys (i int PRIMARY KEY, quote_id uuid NOT NULL, user_id uuid NOT NULL);
            INSERT INTO bench_keys SELECT k.n - 1, q.id, q.owner_id
            FROM unnest(ARRAY[\(list)]) WITH ORDINALITY AS k(id, n) JOIN quotes AS q ON q.id = k.id;
            ANALYZE bench_keys;
            """)
        let rows = try await database.run(
            PostgresStatement(name: "bench_keys", sql: "SELECT quote_id, user_id FROM bench_keys ORDER BY i",
                              parameterTypes: [], readOnly: true),
            PostgresBindings()
        ).decodeRows { (quote: try $0.decode(UUID.self, at: 0), user: try $0.decode(UUID.self, at: 1)) }
        return TransactionPair(database: database, keys: rows)
    }

    /// Runs transactions one after another for `seconds`; returns transactions per second.
    func measureOurs(seconds: Double) async throws -> Double {
        let pair = self
        return try await Task.detached {
            let start = ContinuousClock.now
            let deadline = start + .milliseconds(Int(seconds * 1000))
            var count = 0
            while ContinuousClock.now < deadline {
                try await pair.threeWrites(index: count % pair.keys.count)
                count += 1
            }
            return Double(count) / (ContinuousClock.now - start).seconds
        }.value
    }

    /// The unit of work of the `transaction` workload in package-benchmark (WriteWorkloads.swift).
    private func threeWrites(index: Int) async throws {
        let (quoteID, userID) = keys[index]
        try await database.transaction { tx in
            _ = try await tx.quotes.update(id: quoteID, QuotePatch(status: .sent))
            _ = try await tx.users.update(id: userID, UserPatch(displayName: "Bench \(index)"))
            _ = try await tx.analyticsEvents.create(NewAnalyticsEvent(userID: userID, kind: "bench", quoteID: quoteID))
        }
    }

    /// The pgbench script: the same statements with the literals `threeWrites` binds (unset patch fields bind
    /// `false` and NULL) and the keys found in `bench_keys`.
    static func pgbenchScript() -> String {
        let quote = "(SELECT quote_id FROM bench_keys WHERE i = :i)"
        let user = "(SELECT user_id FROM bench_keys WHERE i = :i)"
        let quoteUpdate = inline(QuoteRepository.updateStatement.sql, [1: quote, 6: "true", 7: "'sent'"])
        let userUpdate = inline(UserRepository.updateStatement.sql, [1: user, 4: "true", 5: "'Bench ' || :i"])
        let event = inline(AnalyticsEventRepository.createStatement.sql, [1: user, 2: quote, 3: "'bench'"])
        return """
            \\set i random(0, 999)
            BEGIN;
            \(quoteUpdate);
            \(userUpdate);
            \(event);
            COMMIT;

            """
    }

    /// `sql` with each `$n` replaced by `values[n]`; a flag `$n` whose value is not given (`$n::boolean`) becomes
    /// `false` and any other missing value NULL, as the generated code binds an unset patch field.
    static func inline(_ sql: String, _ values: [Int: String]) -> String {
        let pattern = try! NSRegularExpression(pattern: #"\$(\d+)(::boolean)?"#)
        var result = sql
        for match in pattern.matches(in: sql, range: NSRange(sql.startIndex..., in: sql)).reversed() {
            let number = Int(sql[Range(match.range(at: 1), in: sql)!])!
            let isFlag = match.range(at: 2).location != NSNotFound
            let value = values[number] ?? (isFlag ? "false" : "NULL")
            result.replaceSubrange(Range(match.range(at: 0), in: result)!, with: isFlag ? "\(value)::boolean" : value)
        }
        return result
    }
}
