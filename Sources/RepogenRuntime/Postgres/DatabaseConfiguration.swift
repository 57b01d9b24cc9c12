import CLibPQ
import Foundation

/// Where and how to connect: a libpq connection string or `postgres://` URL.
///
/// ```swift
/// let config = try DatabaseConfiguration(url: "postgres://app:secret@localhost:5432/quotes?sslmode=disable")
/// let socket = try DatabaseConfiguration(url: "postgresql://postgres@/quotes?host=/tmp/pg/sock")
/// ```
public struct DatabaseConfiguration: Sendable, CustomStringConvertible {
    /// The connection string handed to libpq (a URL or `key=value` pairs).
    public let conninfo: String
    /// Named prepared statements (`.prepared`, the default) or unnamed ones for a transaction pooler (`.unnamed`).
    public var statements: StatementMode = .prepared

    /// Parses and validates a `postgres://` or `postgresql://` URL.
    public init(url: String) throws {
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            throw RepogenError(
                kind: .invalidConfiguration,
                message: "database URL must start with postgres:// or postgresql://: \(Redaction.redactConninfo(url))")
        }
        _ = try Self.keywords(of: url)  // libpq parses it; its complaint is thrown as invalidConfiguration
        conninfo = url
    }

    /// Uses a libpq connection string as is, e.g. `"host=/tmp/sock dbname=quotes user=app"`.
    public init(conninfo: String) {
        self.conninfo = conninfo
    }

    /// The connection string with any password replaced by `***`.
    public var description: String {
        Redaction.redactConninfo(conninfo)
    }
}
