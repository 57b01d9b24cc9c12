/// Canonical SQL spellings of literals and identifiers, meaning the same under any `standard_conforming_strings`.
///
/// ```swift
/// SQLLiteral.string("it's")    // 'it''s'
/// SQLLiteral.string("a\\b")    // E'a\\b'
/// SQLLiteral.identifier("order")  // "order"
/// ```
public enum SQLLiteral {
    /// A string constant: `'...'` with `''` when the value has no backslash, else `E'...'` with `\\` and `''`.
    ///
    /// A plain constant without backslashes reads the same with `standard_conforming_strings` on or off, and an
    /// `E''` constant never depends on it, so the text means `value` on any server and session.
    public static func string(_ value: String) -> String {
        let hasBackslash = value.unicodeScalars.contains("\\")
        var result = hasBackslash ? "E'" : "'"
        for scalar in value.unicodeScalars {
            if scalar == "'" || (hasBackslash && scalar == "\\") { result.unicodeScalars.append(scalar) }
            result.unicodeScalars.append(scalar)
        }
        return result + "'"
    }

    /// An identifier, always double-quoted (with `""` for a quote), so reserved words and case survive.
    public static func identifier(_ name: String) -> String {
        var result = "\""
        for scalar in name.unicodeScalars {
            if scalar == "\"" { result += "\"" }
            result.unicodeScalars.append(scalar)
        }
        return result + "\""
    }

    /// The first control character (C0, DEL or C1) of `value`, which no literal may carry, or nil.
    public static func controlCharacter(in value: String) -> Unicode.Scalar? {
        value.unicodeScalars.first { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    /// Text safe to print in a diagnostic: control and bidirectional formatting characters become `<U+XXXX>`, so an
    /// error message never carries a NUL or reorders a terminal line.
    public static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if controlCharacter(in: String(scalar)) != nil || isBidiControl(scalar) {
                result += "<" + describe(scalar).prefix(6) + ">"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether a scalar is a bidirectional formatting character (embeddings, overrides, isolates, marks).
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            || scalar.value == 0x200E || scalar.value == 0x200F || scalar.value == 0x061C
    }

    /// How a control character is named in a diagnostic, e.g. `U+0000 (NUL)`.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return scalar.value == 0 ? code + " (NUL)" : code
    }
}
