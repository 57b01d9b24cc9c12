import Foundation

/// What reading a schema produced: the schema when there was no error, and every diagnostic.
public struct SchemaReadResult: Sendable {
    /// The validated schema; nil if and only if `diagnostics` holds an error.
    public var schema: Schema?
    /// Every problem found, sorted by line and column.
    public var diagnostics: [Diagnostic]

    /// Creates a result.
    public init(schema: Schema?, diagnostics: [Diagnostic]) {
        self.schema = schema
        self.diagnostics = diagnostics
    }

    /// Whether at least one diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads `schema.yaml` into a validated `Schema`, collecting every error with its line and column.
///
/// ```swift
/// let result = SchemaReader.read(contentsOf: "schema.yaml")
/// for diagnostic in result.diagnostics { print(diagnostic) }  // schema.yaml:12:22: error: ...
/// guard let schema = result.schema else { exit(1) }
/// ```
public enum SchemaReader {
    /// Reads a schema file; an unreadable file is a diagnostic at `PATH:1:1`.
    public static func read(contentsOf path: String) -> SchemaReadResult {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if let tooLarge = YAMLInput.sizeProblem(size, file: path) {
            return SchemaReadResult(schema: nil, diagnostics: [tooLarge])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return SchemaReadResult(schema: nil, diagnostics: [.unreadable("schema file", path: path)])
        }
        return read(bytes: [UInt8](data), file: path)
    }

    /// Reads schema bytes: at most `YAMLInput.maximumByteCount`, valid UTF-8; `file` is the name diagnostics show.
    public static func read(bytes: [UInt8], file: String) -> SchemaReadResult {
        switch YAMLInput.text(from: bytes, file: file) {
        case .success(let text): return read(yaml: text, file: file)
        case .failure(let diagnostic): return SchemaReadResult(schema: nil, diagnostics: [diagnostic])
        }
    }

    /// Reads schema text; `file` is the name diagnostics show.
    public static func read(yaml: String, file: String) -> SchemaReadResult {
        let document = YAMLParser.parse(yaml, file: file, rejectsDuplicateKeys: false)
        guard let root = document.root else {
            return SchemaReadResult(schema: nil, diagnostics: sorted(document.diagnostics))
        }
        var decoder = SchemaDecoder()
        let declaration = decoder.decodeSchema(root)
        var resolver = SchemaResolver(declaration: declaration)
        let schema = resolver.resolve()
        let diagnostics = sorted(document.diagnostics + decoder.diagnostics + resolver.diagnostics)
        let hasErrors = diagnostics.contains { $0.severity == .error }
        return SchemaReadResult(schema: hasErrors ? nil : schema, diagnostics: diagnostics)
    }

    /// Diagnostics in source order; diagnostics at the same place keep the order they were found in.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.location.line, lhs.element.location.column, lhs.offset)
            let right = (rhs.element.location.line, rhs.element.location.column, rhs.offset)
            return left < right
        }.map(\.element)
    }
}
