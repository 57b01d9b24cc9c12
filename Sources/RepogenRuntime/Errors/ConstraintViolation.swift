/// Which rule a refused value broke: read from the server's SQLSTATE, or found before sending.
///
/// ```swift
/// do { try await db.users.create(NewUser(email: taken, displayName: "Ada")) }
/// catch let error as RepogenError where error.violation == .unique { print(error.fields) }  // ["email"]
/// ```
public enum ConstraintViolation: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A unique constraint or unique index already holds the value (SQLSTATE 23505).
    case unique
    /// A foreign key names no row, or a row still referenced was deleted (SQLSTATE 23503).
    case foreignKey
    /// A check constraint refused the row (SQLSTATE 23514).
    case check
    /// A NOT NULL column was given NULL (SQLSTATE 23502).
    case notNull
    /// An exclusion constraint refused the row (SQLSTATE 23P01).
    case exclusion
    /// A string is longer than its column's `max` (SQLSTATE 22001, or found before sending).
    case tooLong
    /// A number does not fit its column: too many integer digits for the precision (SQLSTATE 22003, or found
    /// before sending).
    case outOfRange
    /// A decimal has more fractional digits than its column's scale; found before sending only, since PostgreSQL
    /// would round the value silently.
    case tooManyFractionalDigits

    /// The violation a SQLSTATE reports, nil for any other SQLSTATE.
    public init?(sqlState: String?) {
        switch sqlState {
        case "23505": self = .unique
        case "23503": self = .foreignKey
        case "23514": self = .check
        case "23502": self = .notNull
        case "23P01": self = .exclusion
        case "22001": self = .tooLong
        case "22003": self = .outOfRange
        default: return nil
        }
    }

    /// The case name, e.g. `foreignKey`.
    public var description: String {
        rawValue
    }
}
