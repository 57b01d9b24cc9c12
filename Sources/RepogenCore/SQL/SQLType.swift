/// How schema field types are spelled in PostgreSQL DDL and casts.
extension FieldType {
    /// The column type in DDL and in bind casts (`numeric(12,2)`, `varchar(200)`, `quote_status`).
    public func sqlType(in schema: Schema) -> String {
        switch self {
        case .uuid: return "uuid"
        case .string(let maxLength): return maxLength.map { "varchar(\($0))" } ?? "text"
        case .text: return "text"
        case .int: return "integer"
        case .bigint: return "bigint"
        case .bool: return "boolean"
        case .decimal(let precision, let scale): return "numeric(\(precision),\(scale))"
        case .double: return "double precision"
        case .timestamp: return "timestamptz"
        case .date: return "date"
        case .json: return "jsonb"
        case .bytes: return "bytea"
        case .enumeration(let name):
            return SQL.identifier(schema.enumType(named: name)?.sqlName ?? Naming.snakeCase(name))
        }
    }

    /// The SQL text of a default for a field of this type, or nil for an identity column.
    public func sqlDefault(_ value: FieldDefault, in schema: Schema) -> String? {
        switch value {
        case .identity: return nil
        case .random: return "gen_random_uuid()"
        case .now: return self == .date ? "CURRENT_DATE" : "now()"
        case .literal(let text): return sqlLiteral(text, in: schema)
        }
    }

    /// A literal of this type: numbers and booleans bare, everything else quoted and cast.
    func sqlLiteral(_ text: String, in schema: Schema) -> String {
        switch self {
        case .int, .bigint, .double, .decimal:
            return isPlainNumber(text) ? text : SQL.stringLiteral(text) + "::" + sqlType(in: schema)
        case .bool:
            return text.lowercased() == "true" ? "true" : "false"
        case .string, .text:
            return SQL.stringLiteral(text)
        case .uuid, .json, .date, .timestamp, .bytes, .enumeration:
            return SQL.stringLiteral(text) + "::" + sqlType(in: schema)
        }
    }

    private func isPlainNumber(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
    }
}
