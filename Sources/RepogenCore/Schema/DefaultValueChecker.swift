import Foundation
#if canImport(RepogenSQL)
import RepogenSQL
#endif

/// Why a `default:` does not suit its field.
struct InvalidDefault: Error {
    var message: String
}

/// Checks a `default:` against a field type: keywords (`random`, `now`, `identity`) and literals.
enum DefaultValueChecker {
    /// Longest default text quoted back in a diagnostic.
    static let quotedLength = 40

    /// The default a spelling means for a type, or why it is not allowed.
    static func check(
        _ spelling: DefaultSpelling, type: FieldType, enumCases: [String]
    ) throws(InvalidDefault) -> FieldDefault {
        if spelling.isPlain, let keyword = try keyword(spelling.text, type: type) {
            return keyword
        }
        try checkLiteral(spelling.text, type: type, enumCases: enumCases)
        return .literal(spelling.text)
    }

    /// `random`, `now` or `identity` written plain, when the type takes it.
    private static func keyword(_ text: String, type: FieldType) throws(InvalidDefault) -> FieldDefault? {
        let hint = type.acceptsText ? " (quote it to use the text as a literal)" : ""
        switch text {
        case "random":
            guard type == .uuid else {
                throw InvalidDefault(message: "default 'random' applies only to uuid fields\(hint)")
            }
            return .random
        case "now":
            guard type == .timestamp || type == .date else {
                throw InvalidDefault(message: "default 'now' applies only to timestamp and date fields\(hint)")
            }
            return .now
        case "identity":
            guard type == .int || type == .bigint else {
                throw InvalidDefault(message: "default 'identity' applies only to int and bigint fields\(hint)")
            }
            return .identity
        default:
            return nil
        }
    }

    /// Checks a literal against the type.
    private static func checkLiteral(_ text: String, type: FieldType, enumCases: [String]) throws(InvalidDefault) {
        if let control = SQLLiteral.controlCharacter(in: text) {
            throw InvalidDefault(message: "default holds the control character \(SQLLiteral.describe(control)), "
                                 + "which no SQL or Swift literal of the schema may carry")
        }
        if let problem = numericProblem(text, type: type) ?? otherProblem(text, type: type, enumCases: enumCases) {
            throw InvalidDefault(message: problem)
        }
    }

    /// Why a literal does not suit a numeric or boolean type, if it does not.
    private static func numericProblem(_ text: String, type: FieldType) -> String? {
        let shown = quoted(text)
        switch type {
        case .int:
            return Int32(text) == nil ? "default \(shown) is not a valid int (32-bit)" : nil
        case .bigint:
            return Int64(text) == nil ? "default \(shown) is not a valid bigint (64-bit)" : nil
        case .bool:
            return text == "true" || text == "false" ? nil : "default \(shown) is not a valid bool"
        case .double:
            return LiteralSyntax.isDouble(text) ? nil : "default \(shown) is not a valid double"
        case .decimal(let precision, let scale):
            guard let digits = LiteralSyntax.decimalDigits(text) else {
                return "default \(shown) is not a valid decimal"
            }
            let fits = digits.integer <= precision - scale && digits.fraction <= scale
            return fits ? nil : "default \(shown) does not fit decimal(\(precision), \(scale))"
        default:
            return nil
        }
    }

    /// Why a literal does not suit a non-numeric type, if it does not.
    private static func otherProblem(_ text: String, type: FieldType, enumCases: [String]) -> String? {
        let shown = quoted(text)
        switch type {
        case .uuid:
            return LiteralSyntax.isUUID(text) ? nil : "default \(shown) is not a valid uuid"
        case .string(let maxLength?) where text.unicodeScalars.count > maxLength:
            return "default is \(text.unicodeScalars.count) characters long, more than 'max' (\(maxLength))"
        case .timestamp:
            return "timestamp fields accept only 'now' as default"
        case .date:
            return LiteralSyntax.isDate(text) ? nil : "default \(shown) is not a valid date (expected YYYY-MM-DD)"
        case .json:
            guard isJSON(text) else { return "default \(shown) is not valid JSON" }
            return hasNULEscape(text) ? "default holds \\u0000, which jsonb cannot store" : nil
        case .bytes:
            return "bytes fields cannot have a default"
        case .enumeration(let name) where !enumCases.contains(text):
            let expected = SchemaDecoder.expectation(text, in: enumCases)
            return "default \(shown) is not a case of enum '\(name)'\(expected)"
        default:
            return nil
        }
    }

    /// Whether a text parses as JSON, scalars included.
    private static func isJSON(_ text: String) -> Bool {
        guard let data = text.data(using: .utf8) else { return false }
        return (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) != nil
    }

    /// Whether a JSON text holds the escape `\u0000` (jsonb refuses it with 22P05); an escaped backslash before
    /// `u0000` is not one.
    private static func hasNULEscape(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            if index + 5 < bytes.count, bytes[index + 1] == UInt8(ascii: "u"),
               bytes[(index + 2)...(index + 5)].allSatisfy({ $0 == UInt8(ascii: "0") }) {
                return true
            }
            index += 2
        }
        return false
    }

    /// The text in single quotes, shortened when long.
    static func quoted(_ text: String) -> String {
        guard text.count > quotedLength else { return "'\(SQLLiteral.printable(text))'" }
        return "'\(SQLLiteral.printable(String(text.prefix(quotedLength))))...'"
    }
}

extension FieldType {
    /// Whether a plain keyword could have been meant as text (string, text and enum fields).
    var acceptsText: Bool {
        switch self {
        case .string, .text, .enumeration: return true
        default: return false
        }
    }
}
