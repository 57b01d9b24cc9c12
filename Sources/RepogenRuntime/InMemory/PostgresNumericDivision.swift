import Foundation

/// PostgreSQL's `numeric` division, which `avg` of an integer or `numeric` column ends in (`numeric_div`): the
/// quotient rounded half away from zero at the scale `select_div_scale` picks, at least 16 significant digits
/// and never fewer decimals than either operand shows (avg of 1, 2, 2 is 1.6666666666666667).
enum PostgresNumericDivision {
    /// `dividend / divisor` as `numeric_div` returns it, `dividendScale` the dividend's display scale.
    static func divide(_ dividend: Decimal, by divisor: Int, dividendScale: Int) -> Decimal {
        let scale = resultScale(dividend, Decimal(divisor), dividendScale: dividendScale)
        let magnitude = roundedQuotient(abs(dividend), Decimal(divisor), scale: scale)
        return dividend < 0 ? -magnitude : magnitude
    }

    /// `select_div_scale`: 16 significant digits from the estimated weight of the quotient in base-10000 digits
    /// (one less when the leading digits suggest the dividend's is the smaller), at least the operands' scales,
    /// at most 1000.
    static func resultScale(_ dividend: Decimal, _ divisor: Decimal, dividendScale: Int) -> Int {
        let (weight1, first1) = leadingDigit(dividend)
        let (weight2, first2) = leadingDigit(divisor)
        var quotientWeight = weight1 - weight2
        if first1 <= first2 { quotientWeight -= 1 }
        let scale = Swift.max(16 - quotientWeight * 4, dividendScale, 0)
        return Swift.min(scale, 1000)
    }

    /// The weight (power of 10000) and value of the first non-zero base-10000 digit; (0, 0) for zero.
    static func leadingDigit(_ value: Decimal) -> (weight: Int, digit: Int) {
        var rest = abs(value)
        guard rest != 0 else { return (0, 0) }
        var weight = 0
        while rest >= 10_000 { rest /= 10_000; weight += 1 }
        while rest < 1 { rest *= 10_000; weight -= 1 }
        var whole = Decimal()
        NSDecimalRound(&whole, &rest, 0, .down)
        return (weight, NSDecimalNumber(decimal: whole).intValue)
    }

    /// `dividend / divisor` (both non-negative) rounded half up at `scale` decimals, exactly: Foundation's
    /// 38-digit quotient is only a first guess, corrected by the remainder it leaves.
    private static func roundedQuotient(_ dividend: Decimal, _ divisor: Decimal, scale: Int) -> Decimal {
        let unit = Decimal(sign: .plus, exponent: -scale, significand: 1)
        var estimate = dividend / divisor
        var quotient = Decimal()
        NSDecimalRound(&quotient, &estimate, scale, .down)
        var remainder = dividend - quotient * divisor
        let step = divisor * unit
        while remainder < 0 { quotient -= unit; remainder += step }
        while remainder >= step { quotient += unit; remainder -= step }
        return remainder * 2 >= step ? quotient + unit : quotient
    }
}
