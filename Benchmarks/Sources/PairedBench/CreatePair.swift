import BenchQuoteMaster
import Foundation

/// One createMany pair: our `createMany` of 10,000 rows against psql's COPY of rows of the same shape.
struct CreatePair: Sendable {
    /// The workload's name in the report (`quotes`, `events`).
    let name: String
    /// The database both sides write to (and the cleanup runs on).
    let database: Database
    /// How many rows each side inserts.
    let rows: Int
    /// Inserts the rows with `createMany`; returns how many it inserted.
    let createMany: @Sendable () async throws -> Int
    /// The psql `\copy ... FROM 'file' CSV` command of the same rows.
    let copyCommand: String
    /// The SQL that removes either side's rows again (untimed).
    let cleanup: String

    /// Times one `createMany` and returns its rows per second; removes the rows afterwards.
    func measureOurs() async throws -> Double {
        let start = ContinuousClock.now
        let inserted = try await createMany()
        let elapsed = ContinuousClock.now - start
        try await database.runScript(cleanup)
        guard inserted == rows else { throw PairedError.shortInsert(inserted: inserted, expected: rows) }
        return Double(rows) / elapsed.seconds
    }

    /// Times one COPY through psql and returns its rows per second; removes the rows afterwards.
    func measureCopy(_ settings: PairedSettings) async throws -> Double {
        let milliseconds = try settings.psqlTiming(copyCommand)
        try await database.runScript(cleanup)
        return Double(rows) / (milliseconds / 1000)
    }
}

extension CreatePair {
    /// 10,000 quotes, audited: `createMany` also writes their 10,000 audit rows, COPY does not.
    static func quotes(_ database: Database, owners: [UUID], csv: String) throws -> CreatePair {
        let inputs = (0..<10_000).map { index in
            NewQuote(
                ownerID: owners[index % owners.count], title: "bench-create-\(index)", prompt: "Write quote \(index)",
                status: .draft, totalAmount: Decimal(index % 1000), currency: "USD", metadata: ["source": "bench"])
        }
        try writeCSV(csv, inputs.map { input in
            [input.ownerID.uuidString, input.title, input.prompt, "draft", "\(input.totalAmount ?? 0)", "USD",
             #"{"source": "bench"}"#]
        })
        return CreatePair(
            name: "quotes", database: database, rows: inputs.count,
            createMany: { try await database.quotes.createMany(inputs).count },
            copyCommand: "\\copy quotes (owner_id, title, prompt, status, total_amount, currency, metadata) "
                + "FROM '\(csv)' CSV",
            cleanup: """
                DELETE FROM audit_entries WHERE entity = 'Quote' AND after->>'title' LIKE 'bench-create-%';
                DELETE FROM quotes WHERE title LIKE 'bench-create-%';
                """)
    }

    /// 10,000 analytics events, which are not audited: the insert path alone against COPY.
    static func events(_ database: Database, users: [UUID], quotes: [UUID], csv: String) throws -> CreatePair {
        let inputs = (0..<10_000).map { index in
            NewAnalyticsEvent(
                userID: users[index % users.count], kind: "bench-create", quoteID: quotes[index % quotes.count],
                properties: ["step": .number(Double(index % 7))])
        }
        try writeCSV(csv, inputs.enumerated().map { index, input in
            [input.userID.uuidString, input.kind, input.quoteID?.uuidString ?? "", #"{"step": \#(index % 7)}"#]
        })
        return CreatePair(
            name: "events", database: database, rows: inputs.count,
            createMany: { try await database.analyticsEvents.createMany(inputs).count },
            copyCommand: "\\copy analytics_events (user_id, kind, quote_id, properties) FROM '\(csv)' CSV",
            cleanup: "DELETE FROM analytics_events WHERE kind = 'bench-create';")
    }
}

/// Writes `rows` as CSV (every field quoted, quotes doubled), the format the COPY commands above read.
private func writeCSV(_ path: String, _ rows: [[String]]) throws {
    let text = rows.map { fields in
        fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
    }.joined(separator: "\n") + "\n"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}
