/// One token of SQL text, as PostgreSQL's lexer would cut it, with its byte range in the UTF-8 source.
///
/// ```swift
/// let tokens = SQLLexer.tokens(of: "E'it\\'s' || name")
/// tokens[0].kind   // .string
/// tokens[0].value  // "it's"
/// ```
public struct SQLToken: Sendable, Equatable {
    /// What a token is.
    public enum Kind: Sendable, Equatable {
        /// Spaces, tabs, newlines, carriage returns, form and vertical feeds.
        case whitespace
        /// `-- ...` up to the end of the line.
        case lineComment
        /// `/* ... */`, nesting.
        case blockComment
        /// A bare identifier or key word (letters, digits, `_`, `$`; not starting with a digit or `$`).
        case identifier
        /// `"..."` or `U&"..."`: `value` holds the name.
        case quotedIdentifier
        /// `'...'`, `E'...'`, `N'...'` or `U&'...'` (with an optional `UESCAPE`): `value` holds the text.
        case string
        /// `B'...'` or `X'...'`: `value` holds the digits.
        case bitString
        /// `$tag$ ... $tag$`: `value` holds the body.
        case dollarString
        /// `$1`, `$2`, ...
        case parameter
        /// An integer or decimal constant, with an optional exponent.
        case number
        /// A run of operator characters, cut by PostgreSQL's rules for a trailing `+` or `-`.
        case operatorSymbol
        /// `(`, `)`, `[`, `]`, `,`, `;`, `:`, `::` or `.`.
        case punctuation
    }

    /// What the token is.
    public var kind: Kind
    /// Its byte offsets in the UTF-8 text.
    public var range: Range<Int>
    /// The source text of the token.
    public var text: String
    /// The decoded content of a string, bit string, dollar string or quoted identifier; nil for other kinds.
    public var value: String?
    /// Why the token is malformed (unterminated, bad escape), or nil; a malformed token runs to where it stopped.
    public var problem: String?

    /// Creates a token.
    public init(kind: Kind, range: Range<Int>, text: String, value: String? = nil, problem: String? = nil) {
        self.kind = kind
        self.range = range
        self.text = text
        self.value = value
        self.problem = problem
    }

    /// Whether the token is whitespace or a comment, which separates tokens but means nothing.
    public var isTrivia: Bool {
        kind == .whitespace || kind == .lineComment || kind == .blockComment
    }
}
