import Foundation

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
            guard type == .uuid else { throw InvalidDefault(message: "default 'random' applies only to uuid fields\(hint)") }
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
        let shown = quoted(text)
        switch type {
        case .uuid:
            guard LiteralSyntax.isUUID(text) else { throw InvalidDefault(message: "default \(shown) is not a valid uuid") }
        case .string(let maxLength):
            let length = text.unicodeScalars.count
            if let maxLength, length > maxLength {
                throw InvalidDefault(message: "default is \(length) characters long, more than 'max' (\(maxLength))")
            }
        case .text:
            break
        case .int:
            guard Int32(text) != nil else { throw InvalidDefault(message: "default \(shown) is not a valid int (32-bit)") }
        case .bigint:
            guard Int64(text) != nil else {
                throw InvalidDefault(message: "default \(shown) is not a valid bigint (64-bit)")
            }
        case .bool:
            guard text == "true" || text == "false" else {
                throw InvalidDefault(message: "default \(shown) is not a valid bool")
            }
        case .decimal(let precision, let scale):
            try checkDecimal(text, precision: precision, scale: scale)
        case .double:
            guard LiteralSyntax.isDouble(text) else { throw InvalidDefault(message: "default \(shown) is not a valid double") }
        case .timestamp:
            throw InvalidDefault(message: "timestamp fields accept only 'now' as default")
        case .date:
            guard LiteralSyntax.isDate(text) else {
                throw InvalidDefault(message: "default \(shown) is not a valid date (expected YYYY-MM-DD)")
            }
        case .json:
            guard isJSON(text) else { throw InvalidDefault(message: "default \(shown) is not valid JSON") }
        case .bytes:
            throw InvalidDefault(message: "bytes fields cannot have a default")
        case .enumeration(let name):
            guard enumCases.contains(text) else {
                let list = enumCases.joined(separator: ", ")
                throw InvalidDefault(message: "default \(shown) is not a case of enum '\(name)' (expected one of: \(list))")
            }
        }
    }

    /// Checks the syntax of a decimal literal and that it fits `numeric(precision, scale)`.
    private static func checkDecimal(_ text: String, precision: Int, scale: Int) throws(InvalidDefault) {
        guard let digits = LiteralSyntax.decimalDigits(text) else {
            throw InvalidDefault(message: "default \(quoted(text)) is not a valid decimal")
        }
        if digits.integer > precision - scale || digits.fraction > scale {
            throw InvalidDefault(message: "default \(quoted(text)) does not fit decimal(\(precision), \(scale))")
        }
    }

    /// Whether a text parses as JSON, scalars included.
    private static func isJSON(_ text: String) -> Bool {
        guard let data = text.data(using: .utf8) else { return false }
        return (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) != nil
    }

    /// The text in single quotes, shortened when long.
    static func quoted(_ text: String) -> String {
        guard text.count > quotedLength else { return "'\(text)'" }
        return "'\(text.prefix(quotedLength))...'"
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
