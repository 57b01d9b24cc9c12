import Foundation
import RepogenTesting
import Testing

@testable import RepogenRuntime

/// The in-memory `avg` divides as PostgreSQL's `numeric_div`: the same scale and the same rounding, checked against
/// the server on quotients of every magnitude, exact halves and negative values.
@Suite struct InMemoryNumericDivisionTests {
    static let cases: [(String, Int)] = [
        ("5", 3), ("8", 7), ("-5", 3), ("0.01", 3), ("0", 2), ("0.03", 2), ("20000000000.02", 3),
        ("10000000000000000.0001", 2), ("-10000000000000000.0001", 2), ("99999999.99", 7), ("1", 10_000),
        ("123456789012345678901234.5", 9), ("0.000000001", 3), ("4294967296", 3), ("18446744073709551618", 3),
        ("9999.5", 9_999), ("10000", 10_000), ("2", 3), ("1.5", 1), ("-0.00000000000000000005", 2),
    ]

    @Test func matchesPostgresNumericDivision() async throws {
        try await withTestDatabase { db in
            for (dividend, divisor) in Self.cases {
                let rows = try await db.query("SELECT (\(dividend)::numeric / \(Int64(divisor))::numeric)::text")
                    .decodeRows { try $0.decode(String.self, at: 0) }
                let server = try #require(rows.first.flatMap { Decimal(string: $0) })
                let scale = dividend.split(separator: ".").dropFirst().first?.count ?? 0
                let value = try #require(Decimal(string: dividend))
                let memory = PostgresNumericDivision.divide(value, by: divisor, dividendScale: scale)
                #expect(memory == server, "\(dividend) / \(divisor): \(rows[0])")
            }
        }
    }
}
