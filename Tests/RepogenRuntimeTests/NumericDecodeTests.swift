import Foundation
import Testing

@testable import RepogenRuntime

/// Small binary `numeric` values are built directly, equal to what their canonical text gives.
@Suite struct NumericDecodeTests {
    /// PostgreSQL's binary `numeric`: ndigits, weight, sign, dscale, base-10000 digits.
    func numeric(_ digits: [Int16], weight: Int16, negative: Bool = false, scale: Int16) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendBigEndian(Int16(digits.count))
        bytes.appendBigEndian(weight)
        bytes.appendBigEndian(UInt16(negative ? 0x4000 : 0))
        bytes.appendBigEndian(scale)
        digits.forEach { bytes.appendBigEndian($0) }
        return bytes
    }

    @Test func directDecodingEqualsTheTextPath() throws {
        let cases: [[UInt8]] = [
            numeric([1, 5000], weight: 0, scale: 2), numeric([1], weight: -1, scale: 4),
            numeric([1234, 5678, 9000], weight: 1, scale: 1), numeric([42], weight: 0, negative: true, scale: 0),
            numeric([], weight: 0, scale: 2), numeric([1], weight: 1, scale: 0), numeric([9999, 9999, 9999, 9999],
            weight: 3, scale: 0), numeric([7], weight: -3, negative: true, scale: 12), numeric([12, 2500], weight: 0, scale: 2),
        ]
        for bytes in cases {
            try bytes.withUnsafeBytes { buffer in
                let text = try NumericCodec.decodeText(buffer)
                let direct = try #require(NumericCodec.decodeSmall(buffer), "\(text)")
                let viaText = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
                #expect(direct == viaText && direct.description == viaText.description, "\(text)")
                #expect(try Decimal.decode(from: buffer, type: .numeric) == viaText)
            }
        }
    }

    @Test func largeOrSpecialValuesTakeTheTextPath() throws {
        let wide = numeric([1, 2, 3, 4, 5], weight: 4, scale: 0)
        wide.withUnsafeBytes { #expect(NumericCodec.decodeSmall($0) == nil) }
        var nan: [UInt8] = []
        [Int16(0), 0].forEach { nan.appendBigEndian($0) }
        nan.appendBigEndian(UInt16(0xC000))
        nan.appendBigEndian(Int16(0))
        nan.withUnsafeBytes { #expect(NumericCodec.decodeSmall($0) == nil) }
    }
}
