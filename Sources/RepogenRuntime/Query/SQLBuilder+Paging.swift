/// Limits and offsets as bind parameters: a client-chosen page never becomes SQL text, so it neither prepares a
/// statement of its own on every connection nor can overflow while the text is written.
extension SQLBuilder {
    /// Appends ` LIMIT $n::bigint` (when `limit` is given) and ` OFFSET $n::bigint` (when `offset` is not zero).
    ///
    /// Throws `invalidArgument` for a negative `limit` or `offset`.
    mutating func appendPaging(limit: Int?, offset: Int) throws {
        if let limit {
            append(" LIMIT " + SQLFragment.bind(Int64(try Self.nonNegative(limit, "limit")), cast: "bigint"))
        }
        if try Self.nonNegative(offset, "offset") != 0 {
            append(" OFFSET " + SQLFragment.bind(Int64(offset), cast: "bigint"))
        }
    }

    /// `value`, or `invalidArgument` naming `argument` when it is negative.
    static func nonNegative(_ value: Int, _ argument: String) throws -> Int {
        guard value >= 0 else {
            throw RepogenError(kind: .invalidArgument, message: "\(argument) must not be negative, got \(value)")
        }
        return value
    }
}
