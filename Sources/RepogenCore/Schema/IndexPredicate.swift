#if canImport(RepogenSQL)
import RepogenSQL
#endif

/// A partial index's `where:` text, lexed by PostgreSQL's rules (`SQLLexer`) and accepted only when it is one
/// expression over the entity's own columns; what reaches the DDL is the canonical text rebuilt from the tokens
/// that were checked: columns double-quoted, key words in upper case, strings in a form that means the same under
/// either `standard_conforming_strings` setting.
///
/// ```swift
/// IndexPredicate.canonical("order > 0 and note <> E'it\\'s'", columns: columns, enumTypes: [])
/// // .success("\"order\" > 0 AND \"note\" <> 'it''s'")
/// ```
enum IndexPredicate {
    /// Why a predicate is refused.
    struct Refusal: Error, Equatable {
        var message: String
    }

    /// The canonical text of a predicate, or why it is refused; `enumTypes` are the SQL names of the schema's enums.
    static func canonical(_ text: String, columns: EntityColumns, enumTypes: Set<String>) -> Result<String, Refusal> {
        // Comments and malformed tokens stay in the walk, which refuses them: the first problem in source order
        // is the one reported.
        let significant = SQLLexer.tokens(of: text).filter { $0.kind != .whitespace }
        var walk = PredicateWalk(tokens: significant, columns: columns, enumTypes: enumTypes)
        do throws(Refusal) {
            return .success(try walk.run())
        } catch {
            return .failure(error)
        }
    }

    /// Why the predicate is refused, or nil when it passes.
    static func problem(in text: String, columns: EntityColumns, enumTypes: Set<String> = []) -> String? {
        if case .failure(let refusal) = canonical(text, columns: columns, enumTypes: enumTypes) {
            return refusal.message
        }
        return nil
    }

    /// A canonical predicate with every column passed through `rename` (casts to enum types left alone).
    static func renamingColumns(in predicate: String, _ rename: (String) -> String) -> String {
        var result = ""
        var previous: SQLToken?
        for token in SQLLexer.tokens(of: predicate) {
            if token.kind == .quotedIdentifier, let name = token.value, previous?.text != "::" {
                result += SQLLiteral.identifier(rename(name))
            } else {
                result += token.text
            }
            if !token.isTrivia { previous = token }
        }
        return result
    }

    /// Whether a predicate is `deleted_at IS NULL` (any case and spacing, optionally parenthesised).
    static func isLiveRowsFilter(_ text: String) -> Bool {
        var words = text.lowercased().replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        if words.first == "\"deleted_at\"" { words[0] = "deleted_at" }
        return words == ["deleted_at", "is", "null"]
    }

    /// A token's text shortened for a diagnostic.
    static func excerpt(_ text: String) -> String {
        SQLLiteral.printable(text.count > 20 ? String(text.prefix(20)) + "..." : text)
    }
}
