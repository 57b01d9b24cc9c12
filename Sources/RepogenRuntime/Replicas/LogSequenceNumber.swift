/// A position in the primary's write-ahead log (`pg_lsn`), as a byte offset: what a replica must have replayed
/// before it may answer a read that follows a write.
public struct LogSequenceNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The byte offset in the WAL.
    public let offset: UInt64

    /// A position from its byte offset.
    public init(_ offset: UInt64) {
        self.offset = offset
    }

    /// Reads PostgreSQL's text form, two hexadecimal halves (`16/B374D848`); nil for anything else.
    public init?(_ text: String) {
        let halves = text.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, let high = UInt32(halves[0], radix: 16), let low = UInt32(halves[1], radix: 16) else {
            return nil
        }
        offset = UInt64(high) << 32 | UInt64(low)
    }

    /// PostgreSQL's text form, e.g. `16/B374D848`.
    public var description: String {
        String(offset >> 32, radix: 16, uppercase: true) + "/" + String(offset & 0xFFFF_FFFF, radix: 16, uppercase: true)
    }

    /// Whether `lhs` comes before `rhs` in the log.
    public static func < (lhs: LogSequenceNumber, rhs: LogSequenceNumber) -> Bool {
        lhs.offset < rhs.offset
    }
}

/// The statements that read WAL positions; run outside routing, never observed as the application's statements.
enum WALPositionSQL {
    /// The primary's current insert position: past the commit record of every transaction committed before it ran.
    static let primaryInsert = PostgresStatement(
        name: "repogen_wal_insert_lsn", sql: "SELECT pg_current_wal_insert_lsn()::text", parameterTypes: [])
    /// A standby's last replayed position, NULL when the server is not in recovery (a primary).
    static let replayed = PostgresStatement(
        name: "repogen_wal_replay_lsn", sql: "SELECT pg_last_wal_replay_lsn()::text", parameterTypes: [],
        readOnly: true)
}
