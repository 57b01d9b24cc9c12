/// One versioned schema change, applied once and recorded in `schema_migrations`.
///
/// The SQL may be split into steps by `-- repogen:step` lines; a step marked `-- repogen:no-transaction` runs
/// on its own outside the migration's transaction (see docs/migrations.md). Without markers the whole text is
/// one transactional step.
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
    /// The SQL that applies the change (several statements and steps allowed).
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

    /// The steps of `up`, in order.
    public var steps: [Step] {
        Step.parse(up)
    }

    /// The steps of `down`, in order, or nil when the migration has no down SQL.
    public var downSteps: [Step]? {
        down.map(Step.parse)
    }

    /// Whether `down` exists and has no step marked `-- repogen:irreversible`.
    public var isReversible: Bool {
        downSteps.map { !$0.contains(where: \.isIrreversible) } ?? false
    }

    /// `0002_add_quote_currency`: the version padded to four digits and the name.
    public var stem: String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name
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
