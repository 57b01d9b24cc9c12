/// How a column's type change behaves: whether every old value fits the new type, and whether
/// PostgreSQL needs an explicit `USING` cast.
struct TypeConversion {
    let old: FieldType
    let new: FieldType

    /// Whether some existing value may not fit, or may lose precision, in the new type.
    var isNarrowing: Bool {
        switch (old, new) {
        case (_, .text), (_, .string(maxLength: nil)):
            return false
        case (.string(let before), .string(let after)):
            return (after ?? .max) < (before ?? .max)
        case (.int, .bigint), (.int, .double), (.bigint, .double):
            return false
        case (.int, .decimal(let precision, let scale)):
            return precision - scale < 10
        case (.bigint, .decimal(let precision, let scale)):
            return precision - scale < 19
        case (.decimal(let precision, let scale), .decimal(let newPrecision, let newScale)):
            return newPrecision - newScale < precision - scale || newScale < scale
        default:
            return old != new
        }
    }

    /// Whether `ALTER COLUMN ... TYPE` needs `USING column::type` (no assignment cast between the types).
    var needsUsing: Bool {
        !(Self.family(old) == Self.family(new) && Self.family(old) != nil)
    }

    /// The groups of types PostgreSQL converts between with an assignment cast.
    private static func family(_ type: FieldType) -> String? {
        switch type {
        case .string, .text: "string"
        case .int, .bigint, .decimal, .double: "number"
        default: nil
        }
    }
}
