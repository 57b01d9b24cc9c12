/// A Swift enum mirroring a PostgreSQL enum type, sent as its text label.
///
/// ```swift
/// public enum QuoteStatus: String, PostgresEnum, CaseIterable, Codable, Hashable, Sendable { case draft, sent }
/// // SQL casts the parameter: INSERT INTO quotes (status) VALUES ($1::quote_status)
/// ```
public protocol PostgresEnum: PostgresEncodable, PostgresDecodable, RawRepresentable where RawValue == String {
    /// The case's position among the type's labels, PostgreSQL's sort order for an enum (the in-memory
    /// repositories sort by it); the generated enums get it from `CaseIterable`.
    var declarationOrdinal: Int { get }
}

extension PostgresEnum {
    /// `text`: the SQL casts it to the enum type.
    public static var postgresType: PostgresType { .text }

    /// The raw label as UTF-8.
    public func encode(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: rawValue.utf8)
    }

    /// Decodes a label into a case, throwing `decodingFailed` for an unknown label.
    ///
    /// Inlinable so that each generated enum gets it specialised: across the module boundary every decoded label
    /// paid a generic metadata lookup for `Self?`.
    @inlinable
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Self {
        let label = try String.decode(from: bytes, type: type)
        guard let value = Self(rawValue: label) else {
            throw RepogenError.unknownEnumLabel(label, of: Self.self)
        }
        return value
    }
}

extension RepogenError {
    /// The `decodingFailed` error for a label that names no case of `type`.
    @usableFromInline
    static func unknownEnumLabel(_ label: String, of type: Any.Type) -> RepogenError {
        .decoding("unknown label \"\(label)\" for enum \(type)")
    }
}
