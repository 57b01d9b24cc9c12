/// A piece of SQL whose values are bind parameters, numbered only when the whole statement is assembled.
///
/// ```swift
/// var builder = SQLBuilder()
/// builder.append(Quote.title == "Roof")   // "title" = $1::text, with "Roof" bound
/// ```
public struct SQLFragment: Sendable {
    /// Text or a value to bind.
    enum Part: Sendable {
        case text(String)
        case bind(cast: String, append: @Sendable (inout PostgresBindings) -> Void)
    }

    var parts: [Part]

    /// A fragment of fixed SQL text (identifiers from the schema, keywords); never a value.
    init(_ text: String) {
        parts = [.text(text)]
    }

    init(parts: [Part]) {
        self.parts = parts
    }

    /// A bind parameter cast to `cast` (`$n::cast`), carrying `value`.
    static func bind<V: PostgresEncodable & Sendable>(_ value: V, cast: String) -> SQLFragment {
        SQLFragment(parts: [.bind(cast: cast, append: { $0.append(value) })])
    }

    /// A bind parameter holding an array, cast to `cast[]`.
    static func bindArray<V: PostgresEncodable & Sendable>(_ values: [V], cast: String) -> SQLFragment {
        SQLFragment(parts: [.bind(cast: cast + "[]", append: { $0.appendArray(values) })])
    }

    /// A bind parameter that may be SQL NULL.
    static func bindOptional<V: PostgresEncodable & Sendable>(_ value: V?, cast: String) -> SQLFragment {
        SQLFragment(parts: [.bind(cast: cast, append: { $0.append(value) })])
    }

    /// The two fragments one after the other.
    static func + (lhs: SQLFragment, rhs: SQLFragment) -> SQLFragment {
        SQLFragment(parts: lhs.parts + rhs.parts)
    }

    /// The fragment followed by fixed text.
    static func + (lhs: SQLFragment, rhs: String) -> SQLFragment {
        SQLFragment(parts: lhs.parts + [.text(rhs)])
    }

    /// Fixed text followed by the fragment.
    static func + (lhs: String, rhs: SQLFragment) -> SQLFragment {
        SQLFragment(parts: [.text(lhs)] + rhs.parts)
    }

    /// The fragments separated by `separator`.
    static func joined(_ fragments: [SQLFragment], separator: String) -> SQLFragment {
        var parts: [Part] = []
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { parts.append(.text(separator)) }
            parts += fragment.parts
        }
        return SQLFragment(parts: parts)
    }
}

/// Assembles SQL text and its bind list, numbering parameters `$1`, `$2`... in order.
public struct SQLBuilder: Sendable {
    /// The SQL text so far.
    public private(set) var sql = ""
    /// The bound values so far, in parameter order.
    public private(set) var binds = PostgresBindings()

    /// Creates an empty builder.
    public init() {}

    /// Appends fixed SQL text written in the source; text built at run time does not compile here.
    public mutating func append(_ text: StaticString) {
        sql += text.description
    }

    /// Appends SQL text the runtime assembled from schema identifiers and keywords (never a caller's string).
    mutating func append(_ text: String) {
        sql += text
    }

    /// Appends a fragment, numbering its binds after the ones already present.
    public mutating func append(_ fragment: SQLFragment) {
        for part in fragment.parts {
            switch part {
            case .text(let text):
                sql += text
            case .bind(let cast, let append):
                append(&binds)
                sql += "$\(binds.count)::\(cast)"
            }
        }
    }

    /// Appends a predicate's condition.
    public mutating func append<Entity>(_ predicate: Predicate<Entity>) {
        append(predicate.fragment)
    }

    /// A statement for the SQL so far, not declared read-only; the query builder marks its own SELECTs.
    public var statement: PostgresStatement {
        statement(readOnly: false)
    }

    /// A statement for the SQL so far, labelled by a hash of its text; each connection identifies prepared
    /// statements by their full text, so the hash never decides which statement runs.
    func statement(readOnly: Bool) -> PostgresStatement {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return PostgresStatement(
            name: "repogen_q_" + String(hash, radix: 16), sql: sql, parameterTypes: [], readOnly: readOnly)
    }
}
