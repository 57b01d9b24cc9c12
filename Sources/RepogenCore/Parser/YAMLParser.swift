import CYAML

/// The result of parsing one YAML file: its single document, if any, and every problem found.
public struct YAMLDocument: Sendable {
    /// The root node; nil when the text could not be parsed.
    public var root: YAMLNode?
    /// Syntax errors and structural problems (duplicate keys, undefined aliases...).
    public var diagnostics: [Diagnostic]

    /// Creates a parse result.
    public init(root: YAMLNode?, diagnostics: [Diagnostic]) {
        self.root = root
        self.diagnostics = diagnostics
    }
}

/// Parses YAML text into a `YAMLNode` tree with libyaml's event API.
///
/// ```swift
/// let document = YAMLParser.parse("a: [1, 2]", file: "schema.yaml")
/// document.root?.location  // schema.yaml:1:1
/// ```
public enum YAMLParser {
    /// The deepest nesting of collections accepted; deeper input is reported instead of parsed.
    public static let maximumDepth = 64
    /// The largest number of nodes accepted, counting every alias expansion.
    public static let maximumNodeCount = 1_000_000

    /// Parses one YAML document; an empty stream, several documents or a syntax error is a diagnostic.
    ///
    /// With `rejectsDuplicateKeys`, a key repeated in one mapping is an error at its second occurrence;
    /// callers that want their own wording can turn it off and look at `YAMLNode.mappingPairs`.
    public static func parse(_ text: String, file: String, rejectsDuplicateKeys: Bool = true) -> YAMLDocument {
        let bytes = Array(text.utf8)
        if let tooLarge = YAMLInput.sizeProblem(bytes.count, file: file) {
            return YAMLDocument(root: nil, diagnostics: [tooLarge])
        }
        if bytes.isEmpty {
            return YAMLDocument(root: nil, diagnostics: [.error("schema file is empty", at: start(of: file))])
        }
        var builder = YAMLTreeBuilder(file: file, rejectsDuplicateKeys: rejectsDuplicateKeys)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return YAMLDocument(root: nil, diagnostics: [.error("cannot start the YAML parser", at: start(of: file))])
        }
        defer { yaml_parser_delete(&parser) }
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            runEvents(&parser, bytes: buffer, into: &builder)
        }
        return builder.finish()
    }

    /// Feeds libyaml's events to the builder until the stream ends or an error stops it.
    private static func runEvents(
        _ parser: inout yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>, into builder: inout YAMLTreeBuilder
    ) {
        while !builder.isStopped {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                builder.stop(with: syntaxError(parser, bytes: bytes, file: builder.file))
                return
            }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { return }
            builder.handle(event)
        }
    }

    /// Turns libyaml's error state into a diagnostic at the problem mark.
    private static func syntaxError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>, file: String)
        -> Diagnostic
    {
        var problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        if let context = parser.context.map({ String(cString: $0) }) {
            let mark = parser.context_mark
            problem += " (\(context) that starts at line \(mark.line &+ 1), column \(mark.column &+ 1))"
        }
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return .error("YAML parser ran out of memory", at: start(of: file))
        case YAML_READER_ERROR:
            let location = location(ofByteOffset: parser.problem_offset, in: bytes, file: file)
            return .error("YAML syntax: \(problem)", at: location)
        default:
            let mark = location(of: parser.problem_mark, file: file)
            if let column = YAMLInput.tabInIndentation(of: mark.line, in: bytes) {
                let tab = SourceLocation(file: file, line: mark.line, column: column)
                return .error("tab characters are not allowed for indentation; indent with spaces", at: tab)
            }
            return .error("YAML syntax: \(problem)", at: mark)
        }
    }

    /// Converts a 0-based libyaml mark to a 1-based location.
    static func location(of mark: yaml_mark_t, file: String) -> SourceLocation {
        SourceLocation(file: file, line: mark.line &+ 1, column: mark.column &+ 1)
    }

    /// The 1-based line and column (in characters) of a byte offset, for reader errors that give no mark.
    static func location(ofByteOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String)
        -> SourceLocation
    {
        var line = 1
        var column = 1
        for byte in bytes.prefix(max(0, offset)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// Line 1, column 1 of a file.
    static func start(of file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1)
    }
}
