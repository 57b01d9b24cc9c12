/// Checks raw schema bytes before parsing: a size bound and valid UTF-8, each problem with a location.
///
/// ```swift
/// switch YAMLInput.text(from: Array(data), file: "schema.yaml") {
/// case .success(let text): ...
/// case .failure(let diagnostic): print(diagnostic)  // schema.yaml:3:9: error: schema file is not valid UTF-8...
/// }
/// ```
public enum YAMLInput {
    /// The largest schema accepted, in bytes (10 MiB).
    public static let maximumByteCount = 10 * 1024 * 1024

    /// The text of the bytes, or why they cannot be a schema.
    public static func text(from bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
        if let problem = sizeProblem(bytes.count, file: file) { return .failure(problem) }
        if let offset = firstInvalidUTF8Offset(bytes) {
            let location = bytes.withUnsafeBufferPointer {
                YAMLParser.location(ofByteOffset: offset, in: $0, file: file)
            }
            let byte = String(bytes[offset], radix: 16, uppercase: true)
            let padded = byte.count == 1 ? "0" + byte : byte
            return .failure(.error("schema file is not valid UTF-8 (byte 0x\(padded))", at: location))
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    /// The diagnostic for an input of `count` bytes, when that is over the bound.
    static func sizeProblem(_ count: Int, file: String) -> Diagnostic? {
        guard count > maximumByteCount else { return nil }
        return .error("schema file is too large (\(count) bytes; at most \(maximumByteCount))",
                      at: SourceLocation(file: file, line: 1, column: 1))
    }

    /// The byte offset where the first ill-formed UTF-8 sequence starts, if any.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The 1-based column of the first tab in the indentation of `line` (1-based), if there is one.
    static func tabInIndentation(of line: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var currentLine = 1
        var index = 0
        while currentLine < line, index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") { currentLine += 1 }
            index += 1
        }
        var column = 1
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            if bytes[index] == UInt8(ascii: "\t") { return column }
            column += 1
            index += 1
        }
        return nil
    }
}
