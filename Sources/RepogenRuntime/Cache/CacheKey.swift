import Foundation

/// Cache keys written without reflection for the usual key types; the text is what `String(reflecting:)` gives.
enum CacheKey {
    /// `table:read:arg1,arg2`, each argument as `String(reflecting:)` writes it.
    static func make(_ table: String, _ read: String, _ arguments: [Any]) -> String {
        if arguments.count == 1, let uuid = arguments[0] as? UUID {
            return uuidKey(table, read, uuid)
        }
        var key = table
        key.reserveCapacity(table.utf8.count + read.utf8.count + 2 + 40 * arguments.count)
        key += ":"
        key += read
        key += ":"
        for (position, argument) in arguments.enumerated() {
            if position > 0 { key += "," }
            append(argument, to: &key)
        }
        return key
    }

    /// Appends one argument: UUIDs and integers directly, anything else through `String(reflecting:)`.
    static func append(_ argument: Any, to key: inout String) {
        switch argument {
        case let uuid as UUID: appendUUID(uuid, to: &key)
        case let value as Int: key += String(value)
        case let value as Int64: key += String(value)
        case let value as Int32: key += String(value)
        default: key += String(reflecting: argument)
        }
    }

    /// The upper-case, hyphenated form of `UUID.uuidString`.
    static func appendUUID(_ uuid: UUID, to key: inout String) {
        key += uuidKey("", "", uuid).dropFirst(2)
    }

    /// `table:read:UUID` written into one new string: the key of every `find(id:)` of a UUID-keyed entity.
    static func uuidKey(_ table: String, _ read: String, _ uuid: UUID) -> String {
        var table = table
        var read = read
        return table.withUTF8 { tableBytes in
            read.withUTF8 { readBytes in
                let count = tableBytes.count + readBytes.count + 2 + 36
                return String(unsafeUninitializedCapacity: count) { buffer in
                    var position = buffer.initialize(fromContentsOf: tableBytes)
                    buffer[position] = UInt8(ascii: ":")
                    position += 1
                    position += UnsafeMutableBufferPointer(rebasing: buffer[position...])
                        .initialize(fromContentsOf: readBytes)
                    buffer[position] = UInt8(ascii: ":")
                    writeUUID(uuid, into: UnsafeMutableBufferPointer(rebasing: buffer[(position + 1)...]))
                    return count
                }
            }
        }
    }

    /// Writes the 36 characters of `uuid.uuidString` at the start of `buffer`.
    private static func writeUUID(_ uuid: UUID, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        let digits: StaticString = "0123456789ABCDEF"
        withUnsafeBytes(of: uuid.uuid) { bytes in
            var position = 0
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    buffer[position] = UInt8(ascii: "-")
                    position += 1
                }
                buffer[position] = digits.utf8Start[Int(byte >> 4)]
                buffer[position + 1] = digits.utf8Start[Int(byte & 0x0F)]
                position += 2
            }
        }
    }
}
