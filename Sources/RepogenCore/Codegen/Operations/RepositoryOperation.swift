import Foundation

/// One public method of a generated repository struct, read back from the rendered repositories file, so the
/// repository's protocol and its in-memory double list exactly what the templates (built-in or overridden) printed.
struct RepositoryOperation: Equatable {
    /// The `///` lines above the method, without indentation.
    let doc: [String]
    /// Whether the method is `@discardableResult`.
    let discardableResult: Bool
    let signature: SwiftSignature

    /// Every repository struct's methods in `text` (a rendered repositories file), by struct name, in order.
    ///
    /// A struct is `public struct NAME: Sendable {` at the start of a line, ending at the next `}` line; its
    /// methods are the `public func` declarations indented by four spaces, one or more lines up to the `{` that
    /// opens the body. A signature the parser does not recognise is left out rather than misread.
    static func extract(from text: String) -> [String: [RepositoryOperation]] {
        var result: [String: [RepositoryOperation]] = [:]
        var current: String?
        var reader = MethodReader()
        // Split as bytes: splitting a String by Character checks grapheme boundaries, a measured share of codegen.
        // A template override saved with CRLF line ends leaves a "\r" on each line, which is not part of it.
        for bytes in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let line = bytes.last == UInt8(ascii: "\r") ? Substring(bytes.dropLast()) : Substring(bytes)
            if let name = structName(line) {
                current = name
                result[name] = []
                reader = MethodReader()
            } else if line == "}" {
                current = nil
            } else if let name = current, let operation = reader.read(line) {
                result[name, default: []].append(operation)
            }
        }
        return result
    }

    /// `NAME` of `public struct NAME: Sendable {`, else nil.
    static func structName(_ line: Substring) -> String? {
        let prefix = "public struct ", suffix = ": Sendable {"
        guard line.hasPrefix(prefix), line.hasSuffix(suffix) else { return nil }
        let name = line.dropFirst(prefix.count).dropLast(suffix.count)
        return name.contains(" ") ? nil : String(name)
    }
}

/// Reads a struct's members line by line, keeping the doc comment and attribute seen above each method.
private struct MethodReader {
    var doc: [String] = []
    var discardable = false
    var pending: String?

    mutating func read(_ line: Substring) -> RepositoryOperation? {
        if var text = pending {
            text += " " + line.trimmingCharacters(in: .whitespaces)
            return finish(text)
        }
        guard line.hasPrefix("    "), !line.hasPrefix("     ") else { return nil }
        let member = line.dropFirst(4)
        if member.hasPrefix("///") {
            doc.append(String(member))
        } else if member == "@discardableResult" {
            discardable = true
        } else if member.hasPrefix("public func ") {
            return finish(String(member.dropFirst("public ".count)))
        } else {
            (doc, discardable) = ([], false)
        }
        return nil
    }

    /// The operation once `text` ends with the body's `{`; until then it waits for more lines.
    mutating func finish(_ text: String) -> RepositoryOperation? {
        guard text.hasSuffix("{") else {
            pending = text
            return nil
        }
        defer { (doc, discardable, pending) = ([], false, nil) }
        let declaration = text.dropLast().trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "( ", with: "(").replacingOccurrences(of: " )", with: ")")
        guard let signature = SwiftSignature(declaration) else { return nil }
        return RepositoryOperation(doc: doc, discardableResult: discardable, signature: signature)
    }
}
