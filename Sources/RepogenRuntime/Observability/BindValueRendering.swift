/// Renders bind values as text for the statement log, only when `DatabaseOptions.logBindValues` is on.
extension PostgresBindings {
    /// Longest rendering of one value; longer values are cut and marked with `…`.
    static let renderedValueLimit = 200

    /// The values as `$1=42, $2='text', $3=NULL`; types without a readable form show their size and type OID.
    func renderedForLog() -> String {
        types.indices.map { index in
            let length = Int(lengths[index])
            guard length >= 0 else {
                return "$\(index + 1)=NULL"
            }
            let value = Array(bytes[offsets[index]..<offsets[index] + length])
            return "$\(index + 1)=\(Self.render(value, type: types[index]))"
        }.joined(separator: ", ")
    }

    /// One value in binary format as text.
    static func render(_ value: [UInt8], type: PostgresType) -> String {
        switch type {
        case .bool where value.count == 1:
            return value[0] == 0 ? "false" : "true"
        case .int2 where value.count == 2, .int4 where value.count == 4, .int8 where value.count == 8:
            return "\(signedInteger(value))"
        case .float4 where value.count == 4:
            return "\(Float(bitPattern: UInt32(truncatingIfNeeded: unsignedInteger(value))))"
        case .float8 where value.count == 8:
            return "\(Double(bitPattern: unsignedInteger(value)))"
        case .text, .varchar, .name, .bpchar, .json:
            return quoted(value)
        case .jsonb where value.first == 1:
            return quoted(Array(value.dropFirst()))
        case .uuid where value.count == 16:
            return uuid(value)
        default:
            return "<\(value.count) bytes, type \(type.oid)>"
        }
    }

    private static func unsignedInteger(_ value: [UInt8]) -> UInt64 {
        value.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    private static func signedInteger(_ value: [UInt8]) -> Int64 {
        let shift = UInt64(64 - value.count * 8)
        return Int64(bitPattern: unsignedInteger(value) << shift) >> shift
    }

    private static func quoted(_ value: [UInt8]) -> String {
        let text = String(decoding: value, as: UTF8.self)
        var rendered = "'"
        for character in text.prefix(renderedValueLimit) {
            rendered += character == "'" ? "''" : String(character)
        }
        return rendered + (text.count > renderedValueLimit ? "…'" : "'")
    }

    private static func uuid(_ value: [UInt8]) -> String {
        let hex = value.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
    }
}
