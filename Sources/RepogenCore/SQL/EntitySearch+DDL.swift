/// The SQL of a searchable table's generated column; kept with the other DDL, so the schema model (Schema/, which
/// the reader's fuzz build compiles alone) renders no SQL.
extension EntitySearch {
    /// `setweight(to_tsvector('english'::regconfig, coalesce("title", '')), 'A') || ...`: the generated column's
    /// expression, immutable as a stored generated column requires.
    public var expression: String {
        columns.enumerated().map { position, column in
            let weight = ["A", "B", "C"].indices.contains(position) ? ["A", "B", "C"][position] : "D"
            return "setweight(to_tsvector(\(SQL.stringLiteral(language))::regconfig, "
                + "coalesce(\(SQL.identifier(column)), '')), '\(weight)')"
        }.joined(separator: " || ")
    }
}

