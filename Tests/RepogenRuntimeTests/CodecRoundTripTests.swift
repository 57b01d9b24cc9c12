import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Sends a value to the server as a bind, casts it to `sqlType`, and decodes what comes back.
private func roundTrip<T: PostgresEncodable & PostgresDecodable>(
    _ value: T?, as sqlType: String, on db: Database
) async throws -> T? {
    let sql = "SELECT $1::\(sqlType)"
    return try await db.scalar(T.self, sql, binds { $0.append(value) })
}

@Suite("Codec round trips against PostgreSQL")
struct CodecRoundTripTests {
    @Test("integers, booleans and NULLs")
    func integersAndBooleans() async throws {
        try await withTestDatabase { db throws in
            for value in [Int32.min, -1, 0, 1, Int32.max] {
                #expect(try await roundTrip(value, as: "int4", on: db) == value)
            }
            for value in [Int64.min, -1, 0, Int64.max] {
                #expect(try await roundTrip(value, as: "int8", on: db) == value)
            }
            #expect(try await roundTrip(Int.max, as: "int8", on: db) == Int.max)
            #expect(try await roundTrip(true, as: "bool", on: db) == true)
            #expect(try await roundTrip(false, as: "bool", on: db) == false)
            #expect(try await roundTrip(Int32?.none, as: "int4", on: db) == nil)
            #expect(try await db.scalar(Int.self, "SELECT count(*) FROM pg_class WHERE false") == 0)
            #expect(try await db.scalar(Int64.self, "SELECT 7::int2") == 7)
        }
    }

    @Test("doubles including NaN and infinities")
    func doubles() async throws {
        try await withTestDatabase { db throws in
            for value in [0.0, -0.5, 1e300, -1e-300, Double.infinity, -Double.infinity, Double.pi] {
                #expect(try await roundTrip(value, as: "float8", on: db) == value)
            }
            let nan = try await roundTrip(Double.nan, as: "float8", on: db)
            #expect(nan?.isNaN == true)
            #expect(try await db.scalar(Double.self, "SELECT 1.5::float4") == 1.5)
        }
    }

    @Test("strings, bytes, UUIDs")
    func textBytesAndUUIDs() async throws {
        try await withTestDatabase { db throws in
            let strings = [
                "", "plain", "ünïcødé ✓ 日本語 🚀", "quote ' and \\ backslash", String(repeating: "x", count: 100_000),
            ]
            for value in strings {
                #expect(try await roundTrip(value, as: "text", on: db) == value)
            }
            #expect(try await roundTrip("varchar!", as: "varchar(20)", on: db) == "varchar!")
            #expect(try await db.scalar(String.self, "SELECT 'pg_class'::name") == "pg_class")
            for value in [[UInt8](), [0, 1, 255], [UInt8](repeating: 0, count: 1000)] {
                #expect(try await roundTrip(value, as: "bytea", on: db) == value)
            }
            let id = UUID()
            #expect(try await roundTrip(id, as: "uuid", on: db) == id)
            let text = try await db.scalar(String.self, "SELECT $1::uuid", binds { $0.append(id) })
            #expect(text == id.uuidString.lowercased())
        }
    }

    @Test("dates before 2000, on leap days and far in the future")
    func calendarDates() async throws {
        try await withTestDatabase { db throws in
            let dates = [
                CalendarDate(year: 2000, month: 1, day: 1), CalendarDate(year: 1999, month: 12, day: 31),
                CalendarDate(year: 1900, month: 2, day: 28), CalendarDate(year: 2024, month: 2, day: 29),
                CalendarDate(year: 1, month: 1, day: 1), CalendarDate(year: 9999, month: 12, day: 31),
            ]
            for date in dates {
                #expect(try await roundTrip(date, as: "date", on: db) == date)
                let serverText = try await db.scalar(String.self, "SELECT $1::date::text", binds { $0.append(date) })
                #expect(serverText == date.description)
            }
            #expect(try await db.scalar(CalendarDate.self, "SELECT '1970-01-01'::date")?.description == "1970-01-01")
        }
    }

    @Test("timestamps keep microseconds")
    func timestamps() async throws {
        try await withTestDatabase { db throws in
            let micros: [Int64] = [0, 1, -1, 739_000_123_456_789, -946_684_800_000_001, 8_000_000_000_000_000]
            for value in micros {
                let date = Date(postgresMicroseconds: value)
                let decoded = try #require(try await roundTrip(date, as: "timestamptz", on: db))
                #expect(decoded.postgresMicroseconds == value)
            }
            let epoch = try await db.scalar(Date.self, "SELECT '1970-01-01 00:00:00.000001+00'::timestamptz")
            #expect(epoch?.postgresMicroseconds == -946_684_800_000_000 + 1)
            #expect(try await db.scalar(Date.self, "SELECT 'infinity'::timestamptz") == .distantFuture)
        }
    }

    @Test("decimals are exact through numeric")
    func decimals() async throws {
        try await withTestDatabase { db throws in
            let texts = [
                "0", "0.0001", "123456789012.34", "-123456789012.34", "1", "-0.5", "10000", "100000000",
                "0.00000001", "99999999999999999999.999999", "3.14159265358979323846264338327950288",
                "12.5", "-9999999999999999", "1234.5678", "1000000000000000000000000000000", "0.0000000000000001",
            ]
            for text in texts {
                let value = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
                #expect(try await roundTrip(value, as: "numeric", on: db) == value, "\(text)")
                let asText = try await db.scalar(String.self, "SELECT $1::numeric", binds { $0.append(value) })
                #expect(asText == text, "server text of \(text)")
            }
            #expect(try await db.scalar(String.self, "SELECT 12.50::numeric(12,2)") == "12.50")
            #expect(try await db.scalar(Decimal.self, "SELECT 12.50::numeric(12,2)") == Decimal(string: "12.5"))
            await #expect(throws: RepogenError.self) {
                try await db.scalar(Decimal.self, "SELECT 'NaN'::numeric")
            }
        }
    }

    @Test("JSON values, nested, as jsonb and json")
    func json() async throws {
        try await withTestDatabase { db throws in
            let value: JSONValue = [
                "name": "Ada ✓", "count": 3, "ratio": 0.25, "ok": true, "none": nil,
                "nested": ["list": [1, "two", [3.5], ["deep": false]], "empty": [:], "quote": "a\"b\\c\n"],
            ]
            #expect(try await roundTrip(value, as: "jsonb", on: db) == value)
            #expect(try await db.scalar(JSONValue.self, "SELECT $1::jsonb::json", binds { $0.append(value) }) == value)
            let scalarArray: JSONValue = [1, 2, 3]
            #expect(try await roundTrip(scalarArray, as: "jsonb", on: db) == scalarArray)
            #expect(try await roundTrip(JSONValue.null, as: "jsonb", on: db) == .null)
        }
    }

    @Test("arrays with NULL elements come back through unnest")
    func arrays() async throws {
        try await withTestDatabase { db throws in
            let values: [Int64?] = [1, nil, Int64.max, nil, -5]
            let sql = "SELECT x FROM unnest($1::int8[]) WITH ORDINALITY AS t(x, n) ORDER BY n"
            let result = try await db.run(statement(sql), binds { $0.appendArray(values) })
            #expect(try result.decodeRows { try $0.decodeIfPresent(Int64.self, at: 0) } == values)

            let texts = ["a", "ü", ""]
            let textResult = try await db.run(
                statement("SELECT array_length($1::text[], 1), $1::text[] = ARRAY['a','ü','']"),
                binds { $0.appendArray(texts) })
            #expect(try textResult.decodeFirst { try $0.decode(Int32.self, at: 0) } == 3)
            #expect(try textResult.decodeFirst { try $0.decode(Bool.self, at: 1) } == true)

            let emptyIDs = binds { $0.appendArray([UUID]()) }
            let empty = try await db.scalar(Int.self, "SELECT cardinality($1::uuid[])", emptyIDs)
            #expect(empty == 0)
            let ids = [UUID(), UUID()]
            let idResult = try await db.run(
                statement("SELECT u FROM unnest($1::uuid[]) WITH ORDINALITY AS t(u, n) ORDER BY n"),
                binds { $0.appendArray(ids) })
            #expect(try idResult.decodeRows { try $0.decode(UUID.self, at: 0) } == ids)
        }
    }
}
