import Foundation

/// Checks a value against its column's limit before a write is sent; generated `validate()` methods call these.
///
/// Lengths count Unicode scalars, as PostgreSQL counts the characters of a UTF-8 `varchar(n)` (not grapheme
/// clusters, not bytes). A decimal with more fractional digits than its column's scale is refused, although
/// PostgreSQL would round it: silently rounding an amount of money loses data.
///
/// ```swift
/// try FieldValidation.check(input.title, maxLength: 200, field: "title", entity: "Quote")
/// ```
public enum FieldValidation {
    /// Throws `validationFailed` (`tooLong`) when `value` has more than `maxLength` characters.
    public static func check(_ value: String?, maxLength: Int, field: String, entity: String) throws {
        guard let value, value.utf8.count > maxLength else { return }  // never more scalars than UTF-8 bytes
        let length = value.unicodeScalars.count
        guard length > maxLength else { return }
        throw refusal(
            .tooLong, field: field, entity: entity,
            "has \(length) characters; the column holds at most \(maxLength)")
    }

    /// Throws `validationFailed` when `value` has more integer digits than `precision - scale` (`outOfRange`) or
    /// more fractional digits than `scale` (`tooManyFractionalDigits`); NaN is left to the server.
    public static func check(_ value: Decimal?, precision: Int, scale: Int, field: String, entity: String) throws {
        guard let value, !value.isNaN else { return }
        // The common case without text: at most `scale` fractional digits, and |value| < 10^(precision - scale).
        let bound = Decimal(sign: .plus, exponent: precision - scale, significand: 1)
        if value.exponent >= -scale && value.magnitude < bound {
            return
        }
        let (integerDigits, fractionDigits) = digits(of: value)
        let type = "numeric(\(precision),\(scale))"
        if integerDigits > precision - scale {
            throw refusal(
                .outOfRange, field: field, entity: entity,
                "has \(integerDigits) integer digits; \(type) holds at most \(precision - scale)")
        }
        if fractionDigits > scale {
            throw refusal(
                .tooManyFractionalDigits, field: field, entity: entity,
                "has \(fractionDigits) fractional digits; \(type) holds at most \(scale), and the value is refused "
                    + "rather than rounded")
        }
    }

    /// The significant integer and fractional digits of the text a decimal is sent as (`Decimal.description`).
    static func digits(of value: Decimal) -> (integer: Int, fraction: Int) {
        let text = value.description.drop { $0 == "-" || $0 == "+" }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = parts[0].drop { $0 == "0" }
        let fraction = parts.count > 1 ? parts[1].reversed().drop { $0 == "0" } : []
        return (integer.count, fraction.count)
    }

    /// The error for a value refused before sending; its message states sizes and limits, never the value.
    static func refusal(_ violation: ConstraintViolation, field: String, entity: String, _ what: String)
        -> RepogenError
    {
        var error = RepogenError(
            kind: .validationFailed, message: "\(entity).\(field) \(what); nothing was sent")
        error.violation = violation
        error.fields = [field]
        return error
    }
}

extension Assignment {
    /// More integer digits than any `Decimal` has (its exponent stops at 127), so no operand is refused for them.
    static var operandPrecision: Int { 200 }

    /// Throws `validationFailed` when the assigned string or decimal exceeds its field's limit in `catalog`.
    func validate(against catalog: FieldCatalog, entity: String) throws {
        guard let field = catalog.columns[EntityTable.unquoted(column)],
            let limit = catalog.limits.first(where: { $0.field == field })?.limit
        else { return }
        switch limit {
        case .length(let maxLength):
            try FieldValidation.check(given as? String, maxLength: maxLength, field: field, entity: entity)
        case .decimal(let precision, let scale):
            let value = given as? Decimal
            // An operand's integer digits say nothing about the result (the server checks the sum), but a
            // fractional digit past the scale would be rounded away: only that is checked for `increment`.
            let digits = isRelative ? Self.operandPrecision + scale : precision
            try FieldValidation.check(value, precision: digits, scale: scale, field: field, entity: entity)
        }
    }
}
