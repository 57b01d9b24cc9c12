/// How schema field types appear in generated Swift and in bind parameters.
extension FieldType {
    /// The Swift type of a non-optional value (`UUID`, `Int32`, `Decimal`, `QuoteStatus`).
    var swiftType: String {
        switch self {
        case .uuid: return "UUID"
        case .string, .text: return "String"
        case .int: return "Int32"
        case .bigint: return "Int64"
        case .bool: return "Bool"
        case .decimal: return "Decimal"
        case .double: return "Double"
        case .timestamp: return "Date"
        case .date: return "CalendarDate"
        case .json: return "JSONValue"
        case .bytes: return "[UInt8]"
        case .enumeration(let name): return name
        }
    }

    /// The `PostgresType` a value is sent as; decimals and enums travel as text and are cast in SQL.
    var bindTypeName: String {
        switch self {
        case .uuid: return "uuid"
        case .string, .text, .decimal, .enumeration: return "text"
        case .int: return "int4"
        case .bigint: return "int8"
        case .bool: return "bool"
        case .double: return "float8"
        case .timestamp: return "timestamptz"
        case .date: return "date"
        case .json: return "jsonb"
        case .bytes: return "bytea"
        }
    }

    /// The SQL type a bind parameter is cast to: wide enough never to truncate or round before assignment.
    func bindCast(in schema: Schema) -> String {
        switch self {
        case .string: return "text"
        case .decimal: return "numeric"
        default: return sqlType(in: schema)
        }
    }

    /// Whether a bind of this type arrives as text and needs a second cast to reach the column type.
    var travelsAsText: Bool {
        switch self {
        case .decimal, .enumeration: return true
        default: return false
        }
    }
}

/// Swift source spelling helpers.
enum SwiftLiteral {
    /// A single-line Swift string literal with every special character escaped.
    static func string(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// A multi-line raw string literal whose delimiter cannot occur in `value`.
    static func multiline(_ value: String, indent: String) -> String {
        var hashes = "#"
        while value.contains("\"" + hashes) || value.contains("\\" + hashes) {
            hashes += "#"
        }
        let body = value.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : indent + $0 }
            .joined(separator: "\n")
        return hashes + "\"\"\"\n" + body + "\n" + indent + "\"\"\"" + hashes
    }

    /// An identifier usable in Swift source, backquoted when it is a keyword.
    static func identifier(_ name: String) -> String {
        Naming.swiftIdentifier(name)
    }
}
