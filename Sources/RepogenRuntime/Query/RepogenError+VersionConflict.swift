/// The error of an optimistic-locking update whose row moved on since it was read.
extension RepogenError {
    /// An error saying that the row of `entity` is at `currentVersion`, not at the version the caller expected.
    ///
    /// ```swift
    /// do { try await db.quotes.update(id: quote.id, expectedVersion: quote.version, patch) }
    /// catch let error as RepogenError where error.kind == .versionConflict { reload(error.currentVersion) }
    /// ```
    public static func versionConflict(_ entity: String, expected: Int64, current: Int64) -> RepogenError {
        var error = RepogenError(
            kind: .versionConflict,
            message: "\(entity) was changed by someone else: expected version \(expected), found \(current)"
        )
        error.currentVersion = current
        return error
    }

    /// The optimistic-locking error for a row whose version column is a 32-bit integer.
    public static func versionConflict(_ entity: String, expected: Int32, current: Int32) -> RepogenError {
        versionConflict(entity, expected: Int64(expected), current: Int64(current))
    }

    /// Whether an optimistic-locking update found the row at another version.
    public var isVersionConflict: Bool {
        kind == .versionConflict
    }
}
