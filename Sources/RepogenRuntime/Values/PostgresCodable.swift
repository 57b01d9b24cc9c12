/// A Swift value that can be sent as one binary-format bind parameter.
///
/// ```swift
/// extension Int32: PostgresEncodable { static var postgresType: PostgresType { .int4 } ... }
/// ```
public protocol PostgresEncodable: Sendable {
    /// The PostgreSQL type the encoded bytes represent.
    static var postgresType: PostgresType { get }
    /// Appends the binary wire representation of `self` to `buffer`.
    func encode(into buffer: inout [UInt8])
}

/// A Swift value that can be decoded from one non-NULL binary-format result value.
public protocol PostgresDecodable: Sendable {
    /// Decodes a value of the column type `type` from its binary wire representation.
    static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Self
}

extension Bool: PostgresEncodable, PostgresDecodable {
    /// `boolean`.
    public static var postgresType: PostgresType { .bool }

    /// One byte, 1 or 0.
    public func encode(into buffer: inout [UInt8]) {
        buffer.append(self ? 1 : 0)
    }

    /// Decodes a `boolean`.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Bool {
        try expectSize(bytes, 1, for: "bool")
        return bytes[0] != 0
    }
}

extension Int32: PostgresEncodable, PostgresDecodable {
    /// `integer`.
    public static var postgresType: PostgresType { .int4 }

    /// Four bytes, big-endian.
    public func encode(into buffer: inout [UInt8]) {
        buffer.appendBigEndian(self)
    }

    /// Decodes a `smallint`, `integer` or in-range `bigint`.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Int32 {
        let wide = try decodeInteger(bytes, type: type)
        guard let value = Int32(exactly: wide) else {
            throw RepogenError.decoding("value \(wide) does not fit in Int32")
        }
        return value
    }
}

extension Int64: PostgresEncodable, PostgresDecodable {
    /// `bigint`.
    public static var postgresType: PostgresType { .int8 }

    /// Eight bytes, big-endian.
    public func encode(into buffer: inout [UInt8]) {
        buffer.appendBigEndian(self)
    }

    /// Decodes a `smallint`, `integer` or `bigint`.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Int64 {
        try decodeInteger(bytes, type: type)
    }
}

extension Int: PostgresEncodable, PostgresDecodable {
    /// `bigint`.
    public static var postgresType: PostgresType { .int8 }

    /// Eight bytes, big-endian.
    public func encode(into buffer: inout [UInt8]) {
        buffer.appendBigEndian(Int64(self))
    }

    /// Decodes a `smallint`, `integer` or `bigint`.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Int {
        Int(try decodeInteger(bytes, type: type))
    }
}

/// Decodes any PostgreSQL integer type into an `Int64`.
private func decodeInteger(_ bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Int64 {
    var reader = BinaryReader(bytes)
    switch type {
    case .int2:
        try expectSize(bytes, 2, for: "smallint")
        return Int64(try reader.read(Int16.self))
    case .int4:
        try expectSize(bytes, 4, for: "integer")
        return Int64(try reader.read(Int32.self))
    case .int8:
        try expectSize(bytes, 8, for: "bigint")
        return try reader.read(Int64.self)
    default:
        throw RepogenError.decoding("cannot decode an integer from type OID \(type.oid)")
    }
}

extension Double: PostgresEncodable, PostgresDecodable {
    /// `double precision`.
    public static var postgresType: PostgresType { .float8 }

    /// The IEEE 754 bit pattern, big-endian.
    public func encode(into buffer: inout [UInt8]) {
        buffer.appendBigEndian(bitPattern)
    }

    /// Decodes a `double precision` or `real`.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Double {
        var reader = BinaryReader(bytes)
        switch type {
        case .float4:
            try expectSize(bytes, 4, for: "real")
            return Double(Float(bitPattern: try reader.read(UInt32.self)))
        case .float8:
            try expectSize(bytes, 8, for: "double precision")
            return Double(bitPattern: try reader.read(UInt64.self))
        default:
            throw RepogenError.decoding("cannot decode a Double from type OID \(type.oid)")
        }
    }
}

extension String: PostgresEncodable, PostgresDecodable {
    /// `text`.
    public static var postgresType: PostgresType { .text }

    /// The UTF-8 bytes.
    public func encode(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: utf8)
    }

    /// Decodes any textual type (text, varchar, name, enum labels, json), plus uuid and numeric as their text form.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> String {
        switch type {
        case .uuid:
            return try UUIDCodec.decode(bytes).uuidString.lowercased()
        case .numeric:
            return try NumericCodec.decodeText(bytes)
        case .jsonb:
            return try JSONValue.jsonbText(bytes)
        case .bool, .int2, .int4, .int8, .float4, .float8, .bytea, .date, .timestamp, .timestamptz:
            throw RepogenError.decoding("cannot decode a String from binary type OID \(type.oid)")
        default:
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}

extension Array: PostgresEncodable, PostgresDecodable where Element == UInt8 {
    /// `bytea`.
    public static var postgresType: PostgresType { .bytea }

    /// The raw bytes.
    public func encode(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: self)
    }

    /// Decodes a `bytea`.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> [UInt8] {
        guard type == .bytea else {
            throw RepogenError.decoding("cannot decode bytes from type OID \(type.oid)")
        }
        return Array(bytes)
    }
}
