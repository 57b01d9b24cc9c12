/// The error of an upsert whose key is held by a row it may not overwrite.
extension RepogenError {
    /// `constraintViolation` / `unique` naming `fields`: the upsert's conflicting row is soft-deleted or belongs to
    /// another tenant, so it was left untouched and nothing was written. Generated `upsertBy...` methods throw it.
    ///
    /// ```swift
    /// catch let error as RepogenError where error.violation == .unique { print(error.fields) }  // ["slug"]
    /// ```
    public static func upsertKeyHeld(_ entity: String, fields: [String]) -> RepogenError {
        var error = RepogenError(
            kind: .constraintViolation,
            message: "\(entity): the key (\(fields.joined(separator: ", "))) is held by a row this upsert may not "
                + "overwrite (soft-deleted, or another tenant's); nothing was written")
        error.violation = .unique
        error.fields = fields
        return error
    }
}
