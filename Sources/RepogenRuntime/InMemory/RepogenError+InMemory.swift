/// The errors only the in-memory repositories throw.
extension RepogenError {
    /// An error saying that the in-memory repositories cannot do `what` as PostgreSQL would.
    ///
    /// ```swift
    /// catch let error as RepogenError where error.kind == .unsupportedInMemory { /* test it on PostgreSQL */ }
    /// ```
    public static func unsupportedInMemory(_ what: String) -> RepogenError {
        RepogenError(kind: .unsupportedInMemory, message: "not supported by the in-memory repositories: \(what)")
    }
}
