/// Pattern matching on text columns; `contains`, `hasPrefix` and `hasSuffix` match their argument literally.
extension ColumnRef where Value == String {
    /// `column LIKE pattern`: `%` and `_` in `pattern` are wildcards, `\` escapes them.
    public func like(_ pattern: String) -> Predicate<Entity> {
        Predicate(
            SQLFragment(column + " LIKE ") + SQLFragment.bind(pattern, cast: sqlType),
            evaluator: LikePattern.condition(column, pattern, caseInsensitive: false))
    }

    /// `column ILIKE pattern`: like `like`, ignoring case.
    public func ilike(_ pattern: String) -> Predicate<Entity> {
        Predicate(
            SQLFragment(column + " ILIKE ") + SQLFragment.bind(pattern, cast: sqlType),
            evaluator: LikePattern.condition(column, pattern, caseInsensitive: true))
    }

    /// The column contains `text` literally (its `%`, `_` and `\` are escaped).
    public func contains(_ text: String, caseInsensitive: Bool = false) -> Predicate<Entity> {
        escapedLike("%" + Self.escapeLike(text) + "%", caseInsensitive)
    }

    /// The column starts with `prefix` literally.
    public func hasPrefix(_ prefix: String, caseInsensitive: Bool = false) -> Predicate<Entity> {
        escapedLike(Self.escapeLike(prefix) + "%", caseInsensitive)
    }

    /// The column ends with `suffix` literally.
    public func hasSuffix(_ suffix: String, caseInsensitive: Bool = false) -> Predicate<Entity> {
        escapedLike("%" + Self.escapeLike(suffix), caseInsensitive)
    }

    /// `text` with `\`, `%` and `_` escaped by a backslash, for use inside a LIKE pattern.
    public static func escapeLike(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    private func escapedLike(_ pattern: String, _ caseInsensitive: Bool) -> Predicate<Entity> {
        let op = caseInsensitive ? " ILIKE " : " LIKE "
        return Predicate(
            SQLFragment(column + op) + SQLFragment.bind(pattern, cast: "text") + " ESCAPE '\\'",
            evaluator: LikePattern.condition(column, pattern, caseInsensitive: caseInsensitive))
    }
}

/// JSON containment on `json` (jsonb) columns.
extension ColumnRef where Value == JSONValue {
    /// The column contains `document` (`column @> $1::jsonb`): `["source": "web"]` matches any object with that pair.
    public func contains(_ document: JSONValue) -> Predicate<Entity> {
        Predicate(
            SQLFragment(column + " @> ") + SQLFragment.bind(document, cast: sqlType),
            evaluator: JSONContainment.condition(column, contains: document))
    }

    /// The column is contained in `document` (`column <@ $1::jsonb`).
    public func isContained(in document: JSONValue) -> Predicate<Entity> {
        Predicate(
            SQLFragment(column + " <@ ") + SQLFragment.bind(document, cast: sqlType),
            evaluator: JSONContainment.condition(column, isContainedIn: document))
    }

    /// The column is an object with `key` at its top level (`column ? $1`).
    public func hasKey(_ key: String) -> Predicate<Entity> {
        Predicate(
            SQLFragment("jsonb_exists(" + column + ", ") + SQLFragment.bind(key, cast: "text") + ")",
            evaluator: JSONContainment.condition(column, hasKey: key))
    }
}
