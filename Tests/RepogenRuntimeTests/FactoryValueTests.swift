import Foundation
import RepogenRuntime
import Testing

/// The values generated factories put into rows: each fits its column's limits and differs with the sequence number
/// as far as those limits allow; the sequence never gives a number twice, whichever task asks.
@Suite struct FactoryValueTests {
    @Test func stringsKeepTheirDigitsAndCutTheNameToFit() {
        #expect(FactoryValue.string("email", 42) == "email-42")
        #expect(FactoryValue.string("email", 42, maxLength: 320) == "email-42")
        #expect(FactoryValue.string("display_name", 42, maxLength: 6) == "dis-42")
        #expect(FactoryValue.string("name", 123, maxLength: 4) == "-123")
        #expect(FactoryValue.string("name", 12345, maxLength: 3) == "345")
        #expect((1...2000).map { FactoryValue.string("tiny", $0, maxLength: 4) }.allSatisfy { $0.count <= 4 })
        #expect(Set((1...9999).map { FactoryValue.string("tiny", $0, maxLength: 4) }).count == 9999)
    }

    @Test func decimalsStayWithinPrecisionAndScale() {
        #expect(FactoryValue.decimal(42, precision: 4, scale: 2) == Decimal(string: "42.42"))
        #expect(FactoryValue.decimal(1234, precision: 4, scale: 2) == Decimal(string: "34.34"))
        #expect(FactoryValue.decimal(7, precision: 3, scale: 3) == Decimal(string: "0.007"))
        #expect(FactoryValue.decimal(1234, precision: 3, scale: 3) == Decimal(string: "0.234"))
        #expect(FactoryValue.decimal(1234, precision: 12, scale: 0) == 1234)
        #expect(FactoryValue.decimal(5, precision: 1000, scale: 500) == Decimal(string: "5.000000000000000005"))
    }

    @Test func numbersDatesAndBytesFollowTheSequence() {
        #expect(FactoryValue.int32(7) == 7 && FactoryValue.int32(Int(Int32.max) + 3) == 3)
        #expect(FactoryValue.int64(7) == 7 && FactoryValue.double(7) == 7)
        #expect(FactoryValue.bool(1) && !FactoryValue.bool(2))
        #expect(FactoryValue.timestamp(5).timeIntervalSince1970 == 1_700_000_005)
        #expect(FactoryValue.date(31) == CalendarDate(year: 2000, month: 2, day: 1))
        #expect(FactoryValue.json(3) == .object(["n": .number(3)]))
        #expect(FactoryValue.bytes(0) == [0] && FactoryValue.bytes(0x1_02_03) == [3, 2, 1])
    }

    @Test func uuidsAreVersionFourAndDistinct() {
        let uuid = FactoryValue.uuid(0xABC)
        #expect(uuid.uuidString == "00000000-0000-4000-8000-000000000ABC")
        #expect(Set((1...1000).map(FactoryValue.uuid)).count == 1000)
    }

    @Test func elementsWrapAroundTheCases() {
        let cases = ["low", "normal", "high"]
        #expect((0..<6).map { FactoryValue.element(of: cases, $0) } == cases + cases)
    }

    @Test func aSequenceNeverGivesANumberTwice() async {
        let sequence = FactorySequence(startingAt: 10)
        let numbers = await withTaskGroup(of: [Int].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<500).map { _ in sequence.next() } }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(Set(numbers) == Set(10..<4010))
        #expect(FactorySequence(startingAt: -5).next() == 1)
    }
}
