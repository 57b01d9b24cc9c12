import Foundation
@testable import RepogenRuntime
import Testing

@Suite("Value types (no database)")
struct ValueTypeTests {
    @Test("CalendarDate parses, prints, orders and codes as YYYY-MM-DD")
    func calendarDate() throws {
        let date = try #require(CalendarDate("2024-02-29"))
        #expect(date.year == 2024 && date.month == 2 && date.day == 29)
        #expect(date.description == "2024-02-29")
        #expect(CalendarDate(year: 2000, month: 1, day: 1).daysSince2000 == 0)
        #expect(CalendarDate(year: 1999, month: 12, day: 31).daysSince2000 == -1)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == CalendarDate(year: 2023, month: 3, day: 1))
        for invalid in ["2023-02-29", "2024-13-01", "2024-1-01", "yesterday", "2024-00-10", ""] {
            #expect(CalendarDate(invalid) == nil, "\(invalid)")
        }
        #expect(CalendarDate(year: 1999, month: 1, day: 1) < date)
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == "[\"2024-02-29\"]")
        #expect(try JSONDecoder().decode([CalendarDate].self, from: json) == [date])
    }

    @Test("JSONValue prints compact JSON with sorted keys and parses it back")
    func jsonText() throws {
        let value: JSONValue = ["b": [1, 2.5, nil], "a": "x\"\n\u{1}", "c": ["z": true, "y": false]]
        #expect(value.jsonText == #"{"a":"x\"\n\u0001","b":[1,2.5,null],"c":{"y":false,"z":true}}"#)
        #expect(try JSONValue(parsing: value.jsonText) == value)
        #expect(JSONValue.number(.nan).jsonText == "null")
        #expect(throws: RepogenError.self) { try JSONValue(parsing: "{oops") }
    }

    @Test("Migration checksums are FNV-1a 64 in hex")
    func checksum() {
        #expect(Migration(version: 1, name: "", up: "", down: nil).checksum == "cbf29ce484222325")
        #expect(Migration(version: 1, name: "", up: "a", down: nil).checksum == "af63dc4c8601ec8c")
    }

    @Test("passwords are removed from connection strings and URLs")
    func redaction() {
        #expect(Redaction.redactConninfo("host=x password=s3cret user=u") == "host=x password=*** user=u")
        #expect(Redaction.redactConninfo("host=x password='a b' user=u") == "host=x password=*** user=u")
        #expect(Redaction.redactConninfo("postgres://app:s3cret@db:5432/x") == "postgres://app:***@db:5432/x")
        #expect(Redaction.redactMessage(#"invalid input syntax for type integer: "42x""#, sqlState: "22P02")
            == #"invalid input syntax for type integer: "…""#)
    }

    @Test("bindings encode binary arrays with their OIDs and NULL elements")
    func bindings() {
        var bindings = PostgresBindings()
        bindings.append(Int32(7))
        bindings.append(String?.none)
        bindings.appendArray([Int32(1), nil])
        #expect(bindings.count == 3)
        #expect(bindings.types == [.int4, .text, .int4Array])
        #expect(bindings.lengths[1] == -1)
        let arrayBytes = Array(bindings.bytes[bindings.offsets[2]...])
        let expected: [UInt8] = [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 23, 0, 0, 0, 2, 0, 0, 0, 1]
            + [0, 0, 0, 4, 0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF]
        #expect(arrayBytes == expected)
        #expect(PostgresType.uuid.arrayType == .uuidArray)
        #expect(PostgresType(oid: 99999).arrayType == nil)
    }

    @Test("numeric binary values render exactly")
    func numericText() throws {
        func render(_ words: [Int16]) throws -> String {
            let bytes = words.flatMap { word -> [UInt8] in
                var buffer: [UInt8] = []
                buffer.appendBigEndian(word)
                return buffer
            }
            return try bytes.withUnsafeBytes { try NumericCodec.decodeText($0) }
        }
        #expect(try render([1, -1, 0, 4, 1]) == "0.0001")
        #expect(try render([4, 2, 0, 2, 1234, 5678, 9012, 3400]) == "123456789012.34")
        #expect(try render([1, 1, 0x4000, 0, 5]) == "-50000")
        #expect(try render([0, 0, 0, 2]) == "0.00")
        #expect(try render([0, 0, Int16(bitPattern: 0xC000), 0]) == "NaN")
    }
}
