import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

enum QuoteStatus: String, PostgresEnum, CaseIterable, Codable, Hashable, Sendable {
    case draft, sent, accepted
}

@Suite("Enums and NULL handling")
struct EnumAndNullTests {
    @Test("enum labels round-trip through a PostgreSQL enum type, also in arrays")
    func enums() async throws {
        try await withTestDatabase { db throws in
            try await db.runScript("CREATE TYPE quote_status AS ENUM ('draft', 'sent', 'accepted')")
            for status in QuoteStatus.allCases {
                let back = try await db.scalar(QuoteStatus.self, "SELECT $1::quote_status", binds { $0.append(status) })
                #expect(back == status)
            }
            let sql = "SELECT s FROM unnest($1::text[]::quote_status[]) WITH ORDINALITY AS t(s, n) ORDER BY n"
            let statuses: [QuoteStatus] = [.sent, .draft]
            let result = try await db.run(statement(sql), binds { $0.appendArray(statuses) })
            #expect(try result.decodeRows { try $0.decode(QuoteStatus.self, at: 0) } == statuses)
        }
    }

    @Test("an unknown enum label is a decoding error naming the label")
    func unknownLabel() async throws {
        try await withTestDatabase { db throws in
            let error = await #expect(throws: RepogenError.self) {
                try await db.scalar(QuoteStatus.self, "SELECT 'archived'::text")
            }
            #expect(error?.kind == .decodingFailed)
            #expect(error?.message.contains("archived") == true)
            #expect(error?.message.contains("QuoteStatus") == true)
        }
    }

    @Test("decode throws unexpectedNull; decodeIfPresent returns nil; isNull tells")
    func nulls() async throws {
        try await withTestDatabase { db throws in
            let result = try await db.run(statement("SELECT NULL::text, 'x'::text"), PostgresBindings())
            let firstIsNull = try result.decodeFirst { $0.isNull(at: 0) }
            #expect(firstIsNull == true)
            #expect(try result.decodeFirst { try $0.decodeIfPresent(String.self, at: 0) } == .some(nil))
            let error = #expect(throws: RepogenError.self) {
                try result.decodeFirst { try $0.decode(String.self, at: 0) }
            }
            #expect(error?.kind == .unexpectedNull)
            #expect(try result.decodeFirst { $0.columnCount } == 2)
            #expect(throws: RepogenError.self) { try result.decodeFirst { try $0.decode(Int32.self, at: 1) } }
            #expect(throws: RepogenError.self) { try result.decodeFirst { try $0.decode(String.self, at: 2) } }
        }
    }
}
