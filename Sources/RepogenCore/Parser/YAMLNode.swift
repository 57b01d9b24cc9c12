/// How a YAML scalar was written; a quoted `"true"` is text, a plain `true` is a keyword.
public enum YAMLScalarStyle: String, Hashable, Sendable {
    /// Written without quotes: `draft`.
    case plain
    /// Written in single quotes: `'draft'`.
    case singleQuoted
    /// Written in double quotes: `"draft"`.
    case doubleQuoted
    /// A literal block: `|`.
    case literal
    /// A folded block: `>`.
    case folded

    /// Whether the scalar was written without quotes or block indicators.
    public var isPlain: Bool { self == .plain }
}

/// One node of a parsed YAML document, with the 1-based position where it starts. Not `indirect`: children live
/// in the arrays of their collection, so a node needs no box of its own (one allocation fewer per node).
///
/// ```swift
/// if case .scalar(let text, _, let location) = node { print("\(location): \(text)") }
/// ```
public enum YAMLNode: Sendable {
    /// A scalar: its text, how it was written and where it starts.
    case scalar(String, YAMLScalarStyle, SourceLocation)
    /// A mapping: its key/value pairs in source order (duplicates kept) and where it starts.
    case mapping([(key: YAMLNode, value: YAMLNode)], SourceLocation)
    /// A sequence: its items in source order and where it starts.
    case sequence([YAMLNode], SourceLocation)

    /// Where the node starts in the source file.
    public var location: SourceLocation {
        switch self {
        case .scalar(_, _, let location), .mapping(_, let location), .sequence(_, let location):
            return location
        }
    }

    /// The text of a scalar node, or nil for a mapping or a sequence.
    public var scalarText: String? {
        if case .scalar(let text, _, _) = self { return text }
        return nil
    }

    /// The pairs of a mapping node, or nil for a scalar or a sequence.
    public var mappingPairs: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let pairs, _) = self { return pairs }
        return nil
    }

    /// The items of a sequence node, or nil for a scalar or a mapping.
    public var sequenceItems: [YAMLNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    /// Whether this is a plain scalar YAML reads as null (`~`, `null`, or nothing at all).
    public var isNull: Bool {
        guard case .scalar(let text, .plain, _) = self else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// A short noun for the node kind, for diagnostics (`a mapping`, `a sequence`, `a scalar`).
    public var kindDescription: String {
        switch self {
        case .scalar: return isNull ? "an empty value" : "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        }
    }
}
