import Foundation

/// The values generated factories give a field, from the sequence number `n` of the row being made: each is valid
/// for its column (within a string's `max`, a decimal's precision and scale, an enum's labels) and differs from
/// the value of every other `n` as far as the column's range allows.
///
/// ```swift
/// FactoryValue.string("email", 42, maxLength: 320)                // "email-42"
/// FactoryValue.decimal(42, precision: 4, scale: 2)                // 42.42
/// ```
public enum FactoryValue {
    /// `name-n`, the name shortened to fit `maxLength`; when even the digits do not fit, their last `maxLength`
    /// (unique only among numbers that differ in those digits).
    public static func string(_ name: String, _ n: Int, maxLength: Int? = nil) -> String {
        let digits = String(n)
        let whole = name + "-" + digits
        guard let maxLength, whole.count > maxLength else { return whole }
        guard digits.count < maxLength else { return String(digits.suffix(maxLength)) }
        return String(name.prefix(maxLength - digits.count - 1)) + "-" + digits
    }

    /// `n` as an `integer`, wrapping below `Int32.max`.
    public static func int32(_ n: Int) -> Int32 {
        Int32(n % Int(Int32.max))
    }

    /// `n` as a `bigint`.
    public static func int64(_ n: Int) -> Int64 {
        Int64(n)
    }

    /// Alternately true and false.
    public static func bool(_ n: Int) -> Bool {
        n % 2 == 1
    }

    /// A `numeric(precision, scale)` value: `n`'s last integer digits that fit, and as many of its last digits as
    /// the scale allows (at most 18) after the point (`n` 42, scale 2: 42.42); no integer part when precision
    /// equals scale.
    public static func decimal(_ n: Int, precision: Int, scale: Int) -> Decimal {
        let integerDigits = min(precision - scale, 18)
        let fractionDigits = min(scale, 18)
        let integer = integerDigits > 0 ? n % power(integerDigits) : 0
        let fraction = fractionDigits > 0 ? n % power(fractionDigits) : 0
        var value = Decimal(fraction)
        for _ in 0..<fractionDigits { value /= 10 }
        return Decimal(integer) + value
    }

    /// `n` as a `double precision`.
    public static func double(_ n: Int) -> Double {
        Double(n)
    }

    /// `n` seconds after 2023-11-14 22:13:20 UTC, whole seconds so PostgreSQL keeps it exactly.
    public static func timestamp(_ n: Int) -> Date {
        Date(timeIntervalSince1970: 1_700_000_000 + Double(n))
    }

    /// `n` days after 2000-01-01, wrapping after about 270 years.
    public static func date(_ n: Int) -> CalendarDate {
        CalendarDate(daysSince2000: Int32(n % 100_000))
    }

    /// `{"n": n}`.
    public static func json(_ n: Int) -> JSONValue {
        .object(["n": .number(Double(n))])
    }

    /// `n`'s bytes, least significant first, without the trailing zeros (at least one byte).
    public static func bytes(_ n: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = UInt64(truncatingIfNeeded: n)
        repeat {
            bytes.append(UInt8(truncatingIfNeeded: rest))
            rest >>= 8
        } while rest > 0
        return bytes
    }

    /// A UUID whose last twelve hex digits are `n` (version 4 and variant bits set, as `gen_random_uuid()`'s are).
    public static func uuid(_ n: Int) -> UUID {
        let hex = String(UInt64(truncatingIfNeeded: n) & 0xFFFF_FFFF_FFFF, radix: 16)
        let tail = String(repeating: "0", count: 12 - hex.count) + hex
        return UUID(uuidString: "00000000-0000-4000-8000-" + tail)!
    }

    /// The `n`th of `values` (an enum's `allCases`), from the first again after the last.
    public static func element<Values: Collection>(of values: Values, _ n: Int) -> Values.Element {
        values[values.index(values.startIndex, offsetBy: n % values.count)]
    }

    private static func power(_ digits: Int) -> Int {
        (0..<digits).reduce(1) { value, _ in value * 10 }
    }
}
