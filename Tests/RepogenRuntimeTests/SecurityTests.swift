import Foundation
import Logging
@testable import RepogenRuntime
import RepogenTesting
import Testing

/// Raw SQL binds every interpolated value; passwords stay out of descriptions, errors and logs.
@Suite struct SecurityTests {
    @Test func interpolatedValuesBecomeBindsAndIdentifiersAreQuoted() {
        let name = "x'); DROP TABLE t; --"
        let limit: Int64 = 3
        let sql: RawSQL = "SELECT * FROM \(identifier: "projects") WHERE name = \(name) LIMIT \(limit)"
        #expect(sql.sql == "SELECT * FROM \"projects\" WHERE name = $1 LIMIT $2")
        #expect(sql.binds.count == 2 && sql.refusal == nil)
        let nothing: String? = nil
        let optional: RawSQL = "SELECT \(nothing), \(array: [1, 2] as [Int64])"
        #expect(optional.sql == "SELECT $1, $2")
    }

    @Test(arguments: ["a b", "a;b", "a\"b", "1a", "", "é", String(repeating: "a", count: 64), "a--"])
    func identifiersThatAreNotPlainAreRefused(_ name: String) {
        let sql: RawSQL = "SELECT 1 FROM \(identifier: name)"
        #expect(sql.refusal != nil && !sql.sql.contains(name.isEmpty ? "\"\"" : name))
    }

    @Test func passwordsNeverAppearInDescriptionsErrorsOrLogs() async throws {
        let records = LogRecords()
        var logger = Logger(label: "security-test") { _ in RecordingLogHandler(records: records) }
        logger.logLevel = .trace
        let config = try DatabaseConfiguration(url: "postgresql://app:hunter2@localhost:1/db?connect_timeout=1")
        #expect(!config.description.contains("hunter2") && !"\(config)".contains("hunter2"))
        let conninfo = DatabaseConfiguration(conninfo: "host=/nonexistent-\(UUID()) password='hunter2' dbname=x")
        #expect(!conninfo.description.contains("hunter2"))
        for configuration in [config, conninfo] {
            do {
                _ = try await Database.connect(configuration, options: DatabaseOptions(logger: logger))
                Issue.record("connected to a server that does not exist")
            } catch let error as RepogenError {
                #expect(!error.description.contains("hunter2") && !error.debugDescription.contains("hunter2"))
                #expect(!error.message.contains("hunter2"))
            }
        }
        let error = RepogenError(kind: .connectionFailed, message: "could not connect: postgresql://u:hunter2@h/db")
        #expect(!error.description.contains("hunter2") && !"\(error)".contains("hunter2"))
        #expect(!records.all.contains { $0.contains("hunter2") })
    }

    /// A real session logged at trace level (every statement, and a failing one) with a password in its URL:
    /// the log is not empty, and the password is nowhere in it.
    @Test func passwordsNeverAppearInTheLogOfARealSession() async throws {
        let database = try await TestPostgres.shared.makeDatabase(migrations: [])
        var url = database.url
        let secret: String
        if let password = URLComponents(string: url)?.password, !password.isEmpty {
            secret = password
        } else {
            secret = "hunter2-\(UInt32.random(in: 1...UInt32.max))"
            url = url.replacingOccurrences(of: "postgresql://postgres@", with: "postgresql://postgres:\(secret)@")
        }
        try #require(url.contains(secret), "the test URL has no password to hide: \(url.count) characters")
        let records = LogRecords()
        var logger = Logger(label: "security-test") { _ in RecordingLogHandler(records: records) }
        logger.logLevel = .trace
        let options = DatabaseOptions(slowQueryThreshold: nil, logger: logger)
        let db = try await Database.connect(DatabaseConfiguration(url: url), options: options)
        _ = try await db.run(statement("SELECT 1"), PostgresBindings())
        _ = try? await db.run(statement("SELECT * FROM no_such_table"), PostgresBindings())
        await db.close()
        #expect(!records.all.isEmpty)
        #expect(!records.all.contains { $0.contains(secret) })
    }
}

/// Log lines captured by `RecordingLogHandler`.
final class LogRecords: Sendable {
    private let lines = Locked<[(level: Logger.Level, text: String)]>([])
    /// Every message with its metadata, in order.
    var all: [String] { lines.current.map(\.text) }
    /// The messages logged at `level` or above, with their metadata, in order.
    func logged(atLeast level: Logger.Level) -> [String] {
        lines.current.filter { $0.level >= level }.map(\.text)
    }
    func append(_ line: String, level: Logger.Level) { lines.withLock { $0.append((level, line)) } }
}

/// A swift-log handler that records each message and its metadata as text.
struct RecordingLogHandler: LogHandler {
    let records: LogRecords
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        records.append("\(event.message) \(metadata.merging(event.metadata ?? [:]) { $1 })", level: event.level)
    }
}
