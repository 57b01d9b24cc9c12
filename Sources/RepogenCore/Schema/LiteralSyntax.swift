/// Small hand-written recognisers for default literals (no regular expressions, no traps on huge input).
enum LiteralSyntax {
    /// The digit counts of a decimal literal, leading integer zeros and trailing fraction zeros ignored.
    struct DecimalDigits: Equatable {
        var integer: Int
        var fraction: Int
    }

    /// Parses `[+-]digits[.digits]` (either side of the point may be empty, not both).
    static func decimalDigits(_ text: String) -> DecimalDigits? {
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = parts.first ?? ""
        let fractionPart = parts.count > 1 ? parts[1] : ""
        guard integerPart.allSatisfy(isDigit), fractionPart.allSatisfy(isDigit) else { return nil }
        guard !integerPart.isEmpty || !fractionPart.isEmpty else { return nil }
        let significantInteger = integerPart.drop { $0 == "0" }
        let significantFraction = fractionPart.reversed().drop { $0 == "0" }
        return DecimalDigits(integer: significantInteger.count, fraction: significantFraction.count)
    }

    /// Whether a text is a finite decimal or scientific number (`-1.5`, `2e10`), not hex, NaN or infinity.
    static func isDouble(_ text: String) -> Bool {
        var mantissa = Substring(text)
        var exponent: Substring?
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<marker]
            exponent = text[text.index(after: marker)...]
        }
        guard decimalDigits(String(mantissa)) != nil else { return false }
        if let exponent {
            var digits = exponent
            if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return false }
        }
        guard let value = Double(text) else { return false }
        return value.isFinite
    }

    /// Whether a text is `YYYY-MM-DD` naming a real day of the Gregorian calendar (year 1 to 9999).
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(isDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        guard year >= 1, (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    /// Whether a text is a UUID in the 8-4-4-4-12 hexadecimal form.
    static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isHexDigit } }
    }

    /// The number of days in a month.
    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return isLeap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    /// Whether a character is an ASCII digit.
    private static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }
}
