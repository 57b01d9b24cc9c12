import Foundation

extension UUID: PostgresEncodable, PostgresDecodable {
    /// `uuid`.
    public static var postgresType: PostgresType { .uuid }

    /// The 16 raw bytes.
    public func encode(into buffer: inout [UInt8]) {
        withUnsafeBytes(of: uuid) { buffer.append(contentsOf: $0) }
    }

    /// Decodes a `uuid`.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> UUID {
        guard type == .uuid else {
            throw RepogenError.decoding("cannot decode a UUID from type OID \(type.oid)")
        }
        return try UUIDCodec.decode(bytes)
    }
}

enum UUIDCodec {
    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> UUID {
        try expectSize(bytes, 16, for: "uuid")
        return UUID(uuid: bytes.loadUnaligned(as: uuid_t.self))
    }
}

extension Date: PostgresEncodable, PostgresDecodable {
    /// `timestamptz`.
    public static var postgresType: PostgresType { .timestamptz }

    /// Seconds from 2000-01-01 (PostgreSQL's epoch) to 2001-01-01 (Foundation's reference date).
    static let postgresEpochOffset: Int64 = 31_622_400

    /// Microseconds since 2000-01-01 00:00:00 UTC, rounded to the nearest microsecond.
    public var postgresMicroseconds: Int64 {
        let seconds = timeIntervalSinceReferenceDate.rounded(.down)
        let micros = ((timeIntervalSinceReferenceDate - seconds) * 1_000_000).rounded()
        return (Int64(seconds) + Self.postgresEpochOffset) * 1_000_000 + Int64(micros)
    }

    /// Creates a date from microseconds since 2000-01-01 00:00:00 UTC.
    public init(postgresMicroseconds micros: Int64) {
        let (seconds, fraction) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        let wholeSeconds = Double(seconds - Self.postgresEpochOffset)
        self.init(timeIntervalSinceReferenceDate: wholeSeconds + Double(fraction) / 1_000_000)
    }

    /// Eight bytes: microseconds since 2000-01-01 UTC, big-endian.
    public func encode(into buffer: inout [UInt8]) {
        buffer.appendBigEndian(postgresMicroseconds)
    }

    /// Decodes a `timestamptz` or `timestamp`; `infinity` becomes `distantFuture`, `-infinity` `distantPast`.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Date {
        guard type == .timestamptz || type == .timestamp else {
            throw RepogenError.decoding("cannot decode a Date from type OID \(type.oid)")
        }
        try expectSize(bytes, 8, for: "timestamp")
        var reader = BinaryReader(bytes)
        let micros = try reader.read(Int64.self)
        switch micros {
        case .max: return .distantFuture
        case .min: return .distantPast
        default: return Date(postgresMicroseconds: micros)
        }
    }
}

extension Decimal: PostgresEncodable, PostgresDecodable {
    /// `text`: the generated SQL casts the parameter, e.g. `$1::numeric(12,2)`, so no precision is lost.
    public static var postgresType: PostgresType { .text }

    /// The plain decimal text, e.g. `123.45`.
    public func encode(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: description.utf8)
    }

    /// Decodes a binary `numeric` exactly, or any textual value; NaN and infinities throw.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Decimal {
        if type == .numeric, let value = NumericCodec.decodeSmall(bytes) {
            return value
        }
        let text = type == .numeric ? try NumericCodec.decodeText(bytes) : String(decoding: bytes, as: UTF8.self)
        guard let value = Decimal(string: text, locale: posixLocale),
              !value.isNaN, text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" })
        else {
            throw RepogenError.decoding("cannot represent numeric value as Decimal")
        }
        return value
    }
}

/// The locale `Decimal(string:)` reads with, made once rather than on every decoded value.
private let posixLocale = Locale(identifier: "en_US_POSIX")

/// PostgreSQL's binary `numeric`: ndigits, weight, sign, dscale, then base-10000 digits.
enum NumericCodec {
    /// A finite value of at most four base-10000 digits (16 decimal digits), built without text; nil otherwise.
    static func decodeSmall(_ bytes: UnsafeRawBufferPointer) -> Decimal? {
        var reader = BinaryReader(bytes)
        guard let count = try? Int(reader.read(Int16.self)), (0...4).contains(count),
            let weight = try? Int(reader.read(Int16.self)), let sign = try? reader.read(UInt16.self),
            sign == 0x0000 || sign == 0x4000, (try? reader.read(Int16.self)) != nil, reader.remaining == count * 2
        else { return nil }
        var significand: UInt64 = 0
        for _ in 0..<count {
            guard let digit = try? reader.read(Int16.self), (0..<10_000).contains(digit) else { return nil }
            significand = significand * 10_000 + UInt64(digit)
        }
        let exponent = 4 * (weight - count + 1)
        guard (-100...100).contains(exponent) else { return nil }
        let negative = sign == 0x4000 && significand != 0
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
    }

    /// The value's canonical text, as PostgreSQL's own output function prints it.
    static func decodeText(_ bytes: UnsafeRawBufferPointer) throws -> String {
        var reader = BinaryReader(bytes)
        let count = Int(try reader.read(Int16.self))
        let weight = Int(try reader.read(Int16.self))
        let sign = try reader.read(UInt16.self)
        let scale = Int(try reader.read(Int16.self))
        let digits = try (0..<max(count, 0)).map { _ in Int(try reader.read(Int16.self)) }
        switch sign {
        case 0x0000, 0x4000:
            return (sign == 0x4000 ? "-" : "") + render(digits: digits, weight: weight, scale: scale)
        case 0xC000: return "NaN"
        case 0xD000: return "Infinity"
        case 0xF000: return "-Infinity"
        default: throw RepogenError.decoding("invalid numeric sign \(sign)")
        }
    }

    private static func render(digits: [Int], weight: Int, scale: Int) -> String {
        func digit(_ index: Int) -> Int {
            index >= 0 && index < digits.count ? digits[index] : 0
        }
        var text = ""
        if weight < 0 {
            text = "0"
        } else {
            text = String(digit(0))
            for index in stride(from: 1, through: weight, by: 1) {
                text += padded(digit(index))
            }
        }
        guard scale > 0 else {
            return text
        }
        var fraction = ""
        var index = weight + 1
        while fraction.count < scale {
            fraction += padded(digit(index))
            index += 1
        }
        return text + "." + fraction.prefix(scale)
    }

    private static func padded(_ group: Int) -> String {
        let text = String(group)
        return String(repeating: "0", count: 4 - text.count) + text
    }
}
