import Foundation

/// The new value of an assignment computed from the stored row.
typealias InMemoryAssignment = @Sendable (InMemoryRow) throws -> InMemoryValue

extension InMemoryValue {
    /// The stored form of `value`; `unsupportedInMemory` for a type the store does not know.
    public static func require(_ value: (any Sendable)?) throws -> InMemoryValue {
        guard let stored = InMemoryValue(value) else {
            throw RepogenError.unsupportedInMemory("a value of type \(type(of: value))")
        }
        return stored
    }
}

/// Column-relative arithmetic (`increment`, `decrement`, `multiply`) as SQL computes it: NULL stays NULL, and a
/// result the column cannot hold fails with 22003 (see `InMemoryColumn.fit`).
enum InMemoryArithmetic {
    static func relative(_ column: String, _ op: String, _ operand: some Sendable) -> InMemoryAssignment {
        { row in
            let current = row[column]
            let operand = try InMemoryValue.require(operand)
            switch (current, operand) {
            case (.null, _): return .null
            case let (.integer(a), .integer(b)): return try integer(a, op, b)
            case let (.double(a), .double(b)): return try double(a, op, b)
            case let (.decimal(a), .decimal(b)): return .decimal(op == "+" ? a + b : op == "-" ? a - b : a * b)
            default: throw RepogenError.unsupportedInMemory("arithmetic on \(current.typeName)")
            }
        }
    }

    static func integer(_ a: Int64, _ op: String, _ b: Int64) throws -> InMemoryValue {
        let (result, overflow) = op == "+" ? a.addingReportingOverflow(b)
            : op == "-" ? a.subtractingReportingOverflow(b) : a.multipliedReportingOverflow(by: b)
        guard !overflow else { throw outOfRange("bigint out of range") }
        return .integer(result)
    }

    static func double(_ a: Double, _ op: String, _ b: Double) throws -> InMemoryValue {
        let result = op == "+" ? a + b : op == "-" ? a - b : a * b
        guard result.isFinite || !a.isFinite || !b.isFinite else { throw outOfRange("value out of range: overflow") }
        return .double(result)
    }

    static func outOfRange(_ message: String, detail: String? = nil) -> RepogenError {
        RepogenError(kind: .constraintViolation, message: message, sqlState: "22003", detail: detail)
    }
}

extension InMemoryColumn {
    /// `value` as the column stores it: an integer checked against the column's width, a decimal rounded to
    /// its scale (half away from zero, as `numeric` rounds) and checked against its precision.
    func fit(_ value: InMemoryValue) throws -> InMemoryValue {
        switch value {
        case .integer(let number) where integerBits == 32:
            guard Int32(exactly: number) != nil else { throw InMemoryArithmetic.outOfRange("integer out of range") }
        case .integer(let number) where integerBits == 16:
            guard Int16(exactly: number) != nil else { throw InMemoryArithmetic.outOfRange("smallint out of range") }
        case .decimal(var number):
            guard let (precision, scale) = decimal else { return value }
            var rounded = Decimal()
            NSDecimalRound(&rounded, &number, scale, .plain)
            var limit = Decimal(1)
            for _ in 0..<(precision - scale) { limit *= 10 }
            guard abs(rounded) < limit else {
                throw InMemoryArithmetic.outOfRange(
                    "numeric field overflow",
                    detail: "A field with precision \(precision), scale \(scale) must round to an absolute value "
                        + "less than 10^\(precision - scale).")
            }
            return .decimal(rounded)
        default: break
        }
        return value
    }
}
