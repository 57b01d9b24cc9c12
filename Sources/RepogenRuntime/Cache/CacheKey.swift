import Foundation

/// Cache keys written without reflection for the usual key types; the text is what `String(reflecting:)` gives.
enum CacheKey {
    /// `table:read:arg1,arg2`, each argument as `String(reflecting:)` writes it.
    static func make(_ table: String, _ read: String, _ arguments: [Any]) -> String {
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

    /// The upper-case, hyphenated form of `UUID.uuidString`, without allocating an intermediate string.
    static func appendUUID(_ uuid: UUID, to key: inout String) {
        let digits: StaticString = "0123456789ABCDEF"
        withUnsafeBytes(of: uuid.uuid) { bytes in
            let text = String(unsafeUninitializedCapacity: 36) { buffer in
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
                return position
            }
            key += text
        }
    }
}
