import Foundation

/// The aggregates of `aggregate { }` folded over a group's rows as PostgreSQL computes them: NULLs skipped,
/// `sum` coalesced to 0, `avg`, `min` and `max` NULL over no value, result types as the server's.
enum InMemoryAggregate {
    /// `count(column)`: the non-NULL values.
    static func count(_ column: String) -> InMemoryFold {
        { group in .integer(Int64(values(of: column, in: group).count)) }
    }

    /// `count(DISTINCT column)`: the distinct non-NULL values, equal as `DISTINCT` compares them.
    static func countDistinct(_ column: String) -> InMemoryFold {
        { group in .integer(Int64(Set(values(of: column, in: group).map { InMemoryGroupKey([$0]) }).count)) }
    }

    /// `coalesce(sum(column), 0)` as `Sum`: a `bigint` total (`Int64`), a `numeric` one (`Decimal`, exact for
    /// integers too) or a `double precision` one (added in table order).
    static func sum<Sum>(_ column: String, as type: Sum.Type) -> InMemoryFold {
        { group in
            let values = values(of: column, in: group)
            if Sum.self == Double.self { return .double(try doubleTotal(values)) }
            let total = try decimalTotal(values, column)
            guard Sum.self == Int64.self else { return .decimal(total) }
            guard total >= Decimal(Int64.min), total <= Decimal(Int64.max) else {
                throw RepogenError(kind: .queryFailed, message: "bigint out of range", sqlState: "22003")
            }
            return .integer(NSDecimalNumber(decimal: total).int64Value)
        }
    }

    /// `avg(column)` as `Average`: the `numeric` quotient at PostgreSQL's division scale, or a `double precision`
    /// one; NULL over no value.
    static func avg<Average>(_ column: String, as type: Average.Type) -> InMemoryFold {
        { group in
            let values = values(of: column, in: group)
            guard !values.isEmpty else { return .null }
            if Average.self == Double.self { return .double(try doubleAverage(values)) }
            let scale = group.table.columns.first { $0.name == column }?.decimal?.scale
                ?? values.map(displayScale).max() ?? 0
            let total = try decimalTotal(values, column)
            return .decimal(PostgresNumericDivision.divide(total, by: values.count, dividendScale: scale))
        }
    }

    /// `min(column)` (`keeping` -1) or `max(column)` (`keeping` 1) in PostgreSQL's order for the type (text in
    /// byte order, as the `--locale=C` test database sorts it); NULL over no value.
    static func extreme(_ column: String, _ function: String, keeping order: Int) -> InMemoryFold {
        { group in
            var best = InMemoryValue.null
            for value in values(of: column, in: group) {
                guard isOrderable(value) else {
                    throw RepogenError.unsupportedInMemory("\(function) of a \(value.typeName) column")
                }
                if try best.isNull || InMemoryValue.compare(value, best) == order { best = value }
            }
            return best
        }
    }

    private static func values(of column: String, in group: InMemoryGroup) -> [InMemoryValue] {
        group.rows.map { $0[column] }.filter { !$0.isNull }
    }

    /// Whether PostgreSQL has `min`/`max` for the value's type (it has none for boolean, uuid, bytea or jsonb).
    private static func isOrderable(_ value: InMemoryValue) -> Bool {
        switch value {
        case .integer, .double, .decimal, .text, .timestamp, .date, .enumLabel: true
        default: false
        }
    }

    /// The sum of `double precision` values, the first one as the start; an overflow to infinity fails as
    /// `float8pl` does.
    private static func doubleTotal(_ values: [InMemoryValue]) throws -> Double {
        var total: Double?
        for case .double(let value) in values {
            guard let sum = total else {
                total = value
                continue
            }
            if (sum + value).isInfinite, !sum.isInfinite, !value.isInfinite { throw overflow }
            total = sum + value
        }
        return total ?? 0
    }

    /// `avg` of `double precision` values as `float8_accum` and `float8_avg` compute it: the mean is the plain
    /// sum over the count, but the Youngs-Cramer sum of squared deviations kept beside it fails with 22003 when
    /// it overflows from finite inputs too (avg of 1e200 and -1e200 fails on the server).
    private static func doubleAverage(_ values: [InMemoryValue]) throws -> Double {
        var (count, sum, squares) = (0.0, 0.0, 0.0)
        for case .double(let value) in values {
            let (previousCount, previousSum) = (count, sum)
            count += 1
            sum += value
            guard previousCount > 0 else {
                if value.isNaN || value.isInfinite { squares = .nan }
                continue
            }
            let deviation = value * count - sum
            squares += deviation * deviation / (count * previousCount)
            if sum.isInfinite || squares.isInfinite {
                if !previousSum.isInfinite, !value.isInfinite { throw overflow }
                squares = .nan
            }
        }
        return sum / count
    }

    private static var overflow: RepogenError {
        RepogenError(kind: .queryFailed, message: "value out of range: overflow", sqlState: "22003")
    }

    /// The exact sum of integer and `numeric` values.
    private static func decimalTotal(_ values: [InMemoryValue], _ column: String) throws -> Decimal {
        try values.reduce(Decimal(0)) { total, value in
            switch value {
            case .integer(let number): return total + Decimal(number)
            case .decimal(let number): return total + number
            default: throw RepogenError.unsupportedInMemory("sum or avg of the \(value.typeName) column \(column)")
            }
        }
    }

    /// The digits after the point of a value as the runtime sends it (`Decimal.description`), which is the scale
    /// PostgreSQL keeps for an unconstrained `numeric`; 0 for an integer.
    private static func displayScale(_ value: InMemoryValue) -> Int {
        guard case .decimal(let number) = value else { return 0 }
        let text = number.description
        return text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
    }
}
