@testable import RepogenCore
import RepogenSQL
import Testing

/// `where:` is accepted only as one expression over the entity's columns, and written back canonically.
struct IndexPredicateTests {
    private static let columns: EntityColumns = {
        let location = SourceLocation(file: "t", line: 1, column: 1)
        let declaration = EntityDeclaration(name: Located(value: "Doc", location: location, keyLocation: location))
        let fields = ["id", "title", "score", "deleted_at", "order", "user", "date", "like"].map {
            Field(name: $0, column: $0, swiftName: $0, type: .text, location: location)
        }
        return EntityColumns(declaration: declaration, fields: fields)
    }()

    private func canonical(_ text: String) -> Result<String, IndexPredicate.Refusal> {
        IndexPredicate.canonical(text, columns: Self.columns, enumTypes: ["doc_kind"])
    }

    @Test(arguments: [
        ("deleted_at IS NULL", #""deleted_at" IS NULL"#),
        ("lower(title) <> '' AND (id IS NOT NULL)", #"lower("title") <> '' AND ("id" IS NOT NULL)"#),
        ("title::text = 'it''s' OR TITLE IN ('a', 'b')", #""title"::text = 'it''s' OR "title" IN ('a', 'b')"#),
        ("\"title\" LIKE 'x%'", #""title" LIKE 'x%'"#),
        ("score > 1.5e3", #""score" > 1.5e3"#),
        ("order > 0 and user <> 'x'", #""order" > 0 AND "user" <> 'x'"#),
        (#""like" IS NULL"#, #""like" IS NULL"#),
        ("date > date '2024-01-01'", #""date" > DATE '2024-01-01'"#),
        (#"title = E'it\'s \\ here'"#, #""title" = E'it''s \\ here'"#),
        (#"title = U&'d\0061ta'"#, #""title" = 'data'"#),
        ("title = 'a'\n'b'", #""title" = 'ab'"#),
        ("title::doc_kind = 'x' AND CAST(score AS integer) > -1",
         #""title"::"doc_kind" = 'x' AND CAST ("score" AS integer) > - 1"#),
        ("title = ANY (ARRAY['a', 'b'])", #""title" = ANY (ARRAY['a', 'b'])"#),
    ])
    func acceptedPredicatesAreRewritten(text: String, expected: String) {
        #expect(canonical(text) == .success(expected))
    }

    @Test(arguments: [
        (#"title = E'\''; DROP TABLE x; --'"#, "';' is not allowed (a predicate is a single expression)"),
        ("title = 'a'; DROP TABLE docs", "';' is not allowed (a predicate is a single expression)"),
        ("title /* hidden */ IS NULL", "comments are not allowed"),
        ("title = 'open", "unterminated quoted string at ''open'"),
        ("\"titel\" IS NULL", "unknown column 'titel'"),
        ("(title IS NULL))", "unbalanced parentheses"),
        ("(title IS NULL", "unbalanced parentheses"),
        ("title = $1", "parameters ('$1') are not allowed"),
        ("title = $a$x$a$", "dollar-quoted strings are not allowed"),
        ("title \\ 1", "unexpected character at '\\'"),
        ("score > now()", "'now' is not immutable, and an index predicate may use only immutable functions"),
        ("score > random()", "'random' is not immutable, and an index predicate may use only immutable functions"),
        ("title > current_timestamp",
         "'current_timestamp' is not immutable, and an index predicate may use only immutable functions"),
        ("title IN (SELECT 1)", "'SELECT' is not allowed (no statements or sub-queries: a predicate is one "
            + "expression over the entity's columns)"),
        ("pg_sleep(1) IS NULL", "function 'pg_sleep' is not allowed (allowed: "
            + IndexPredicate.functions.sorted().joined(separator: ", ") + ")"),
        ("title = E'\\000'", "a NUL character is not allowed at 'E'\\000''"),
        ("title = E'a\\tb'", "a string literal holds the control character U+0009"),
        ("title.length IS NULL", "'.' is not allowed (only the entity's own columns, unqualified)"),
        ("title::regclass IS NULL", "unknown type 'regclass'"),
        ("title <<= 'x'", "operator '<<=' is not allowed"),
        ("", "the predicate is empty"),
        ("like IS NULL", "'like' is both an SQL key word and a column; write \"like\" to mean the column"),
        ("title = 'a' 'b'", "two constants in a row at ''b'' (PostgreSQL joins string constants only across a line "
            + "break; write one constant)"),
        ("title = B'101'", "bit-string constants ('B'101'') are not allowed: no column of a schema has a bit type"),
    ])
    func refusedPredicatesSayWhy(text: String, message: String) {
        #expect(canonical(text) == .failure(IndexPredicate.Refusal(message: message)))
    }

    @Test func unknownColumnsGetASuggestion() throws {
        guard case .failure(let refusal) = canonical("titel IS NULL") else {
            Issue.record("titel was accepted")
            return
        }
        #expect(refusal.message.hasPrefix("unknown column 'titel' (did you mean 'title'?)"))
    }

    @Test func renamesReachOnlyColumns() {
        let renamed = IndexPredicate.renamingColumns(in: #""status" = 'status' AND "kind"::"status" IS NULL"#) {
            $0 == "status" ? "state" : $0
        }
        #expect(renamed == #""state" = 'status' AND "kind"::"status" IS NULL"#)
    }

    @Test func canonicalTextIsAFixedPoint() throws {
        for text in ["order > 0 and title <> E'a\\\\b'", "lower(title) = 'x' OR date IS NULL"] {
            let once = try canonical(text).get()
            #expect(canonical(once) == .success(once))
        }
    }
}
