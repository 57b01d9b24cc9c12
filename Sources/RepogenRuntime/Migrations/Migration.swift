/// One versioned schema change, applied once and recorded in `schema_migrations`.
///
/// ```swift
/// let initial = Migration(version: 1, name: "create_users",
///                         up: "CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL UNIQUE)",
///                         down: "DROP TABLE users")
/// ```
public struct Migration: Sendable, Hashable {
    /// The ordering key; applied in ascending order.
    public let version: Int
    /// A short name, e.g. `add_quote_currency`.
    public let name: String
    /// The SQL that applies the change (several statements allowed; runs inside a transaction).
    public let up: String
    /// The SQL that reverts the change, when there is one.
    public let down: String?

    /// Creates a migration.
    public init(version: Int, name: String, up: String, down: String?) {
        self.version = version
        self.name = name
        self.up = up
        self.down = down
    }

    /// FNV-1a 64 of `up`'s UTF-8 bytes, as 16 lowercase hex digits; detects edits to applied migrations.
    public var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in up.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
