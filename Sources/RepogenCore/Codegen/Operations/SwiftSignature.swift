import Foundation

/// A generated method's signature taken apart: enough to restate it as a protocol requirement (no defaults), as a
/// forwarding overload that restores its defaults, or as an in-memory stub.
///
/// It reads only the signatures the repository templates print (`public func name(label name: Type = default)
/// async throws -> Result`), not Swift at large: no generic clauses, no `where` clauses, no `inout`.
struct SwiftSignature: Equatable {
    /// One parameter: `label name: Type = default`, the label `_` when there is none.
    struct Parameter: Equatable {
        let label: String
        let name: String
        let type: String
        let defaultValue: String?
    }

    let name: String
    let parameters: [Parameter]
    /// What follows the parameter list: `async throws -> Quote?`.
    let tail: String

    /// The selector, `find(id:includeDeleted:)`, which tells overloads apart.
    var selector: String {
        name + "(" + parameters.map { Self.callLabel($0.label) + ":" }.joined() + ")"
    }

    /// `label` as a call writes it: a keyword needs no backticks there, except `inout`, `var` and `let`.
    static func callLabel(_ label: String) -> String {
        guard label.hasPrefix("`"), label.hasSuffix("`"), label.count > 2 else { return label }
        let bare = String(label.dropFirst().dropLast())
        return ["inout", "var", "let"].contains(bare) ? label : bare
    }

    /// Whether the method is `async`, so a call needs `await`.
    var isAsync: Bool { tail.split(separator: " ").contains("async") }

    /// Whether the method throws, so a call needs `try`.
    var isThrowing: Bool { tail.split(separator: " ").contains("throws") }

    /// Whether any parameter has a default, which a protocol requirement cannot state.
    var hasDefaults: Bool { parameters.contains { $0.defaultValue != nil } }

    /// `func name(label name: Type, ...) tail`, with defaults when `withDefaults`.
    func declaration(withDefaults: Bool) -> String {
        let list = parameters.map { parameter in
            let head = parameter.label == parameter.name ? parameter.name : parameter.label + " " + parameter.name
            let value = withDefaults ? parameter.defaultValue.map { " = " + $0 } ?? "" : ""
            return head + ": " + parameter.type + value
        }
        return "func " + name + "(" + list.joined(separator: ", ") + ") " + tail
    }

    /// `try await name(label: name, ...)`: the call that forwards every parameter.
    var forwardingCall: String {
        let arguments = parameters.map { $0.label == "_" ? $0.name : Self.callLabel($0.label) + ": " + $0.name }
        let prefix = (isThrowing ? "try " : "") + (isAsync ? "await " : "")
        return prefix + name + "(" + arguments.joined(separator: ", ") + ")"
    }

    /// Parses `func name(parameters) tail` (any `public ` and a trailing `{` already removed); nil for other text.
    init?(_ text: String) {
        guard text.hasPrefix("func "), let open = text.firstIndex(of: "(") else { return nil }
        let name = text[text.index(text.startIndex, offsetBy: 5)..<open]
        guard !name.isEmpty, !name.contains("<"),
            let close = Self.matchingClose(in: text, from: open)
        else { return nil }
        let inner = String(text[text.index(after: open)..<close])
        var parameters: [Parameter] = []
        for piece in Self.splitTopLevel(inner, on: ",") where !piece.isEmpty {
            guard let parameter = Self.parameter(piece) else { return nil }
            parameters.append(parameter)
        }
        self.name = String(name)
        self.parameters = parameters
        tail = text[text.index(after: close)...].trimmingCharacters(in: .whitespaces)
    }

    /// The index of the `)` closing the `(` at `open`.
    static func matchingClose(in text: String, from open: String.Index) -> String.Index? {
        var depth = 0
        var index = open
        while index < text.endIndex {
            switch text[index] {
            case "(", "[", "<": depth += 1
            case ")", "]": depth -= 1
            case ">" where text[text.index(before: index)] != "-": depth -= 1
            default: break
            }
            if depth == 0 { return index }
            index = text.index(after: index)
        }
        return nil
    }

    /// `text` split on `separator` outside brackets and string literals, each piece trimmed.
    static func splitTopLevel(_ text: String, on separator: Character) -> [String] {
        var pieces: [String] = []
        var current = ""
        var depth = 0
        var inString = false
        var previous: Character = " "
        for character in text {
            if character == "\"" && previous != "\\" { inString.toggle() }
            if !inString {
                switch character {
                case "(", "[", "<": depth += 1
                case ")", "]": depth -= 1
                case ">" where previous != "-": depth -= 1
                default: break
                }
            }
            if character == separator && depth == 0 && !inString {
                pieces.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        pieces.append(current.trimmingCharacters(in: .whitespaces))
        return pieces
    }

    /// `label name: Type = default`, `name: Type` or `_ name: Type`.
    static func parameter(_ text: String) -> Parameter? {
        let halves = splitTopLevel(text, on: "=")
        guard let head = halves.first, halves.count <= 2, let colon = head.firstIndex(of: ":") else { return nil }
        let names = head[..<colon].split(separator: " ").map(String.init)
        let type = head[head.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard (1...2).contains(names.count), !type.isEmpty else { return nil }
        return Parameter(
            label: names[0], name: names.last ?? names[0], type: type, defaultValue: halves.count == 2 ? halves[1] : nil)
    }
}
