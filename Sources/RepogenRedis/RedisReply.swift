import CHiredis

/// One Redis reply, copied out of hiredis's reply object.
enum RedisReply: Sendable, Equatable {
    case bytes([UInt8])
    case null
    case integer(Int64)
    case status(String)
    case error(String)
    case array([RedisReply])

    /// Copies `reply` (not freed here).
    init(_ reply: UnsafePointer<redisReply>) {
        let value = reply.pointee
        let text = { () -> [UInt8] in
            guard let str = value.str else { return [] }
            return Array(UnsafeRawBufferPointer(start: str, count: Int(value.len)))
        }
        switch value.type {
        case REDIS_REPLY_STRING: self = .bytes(text())
        case REDIS_REPLY_INTEGER: self = .integer(Int64(value.integer))
        case REDIS_REPLY_STATUS: self = .status(String(decoding: text(), as: UTF8.self))
        case REDIS_REPLY_ERROR: self = .error(String(decoding: text(), as: UTF8.self))
        case REDIS_REPLY_ARRAY:
            self = .array((0..<Int(value.elements)).map { index in
                guard let element = value.element?[index] else { return .null }
                return RedisReply(UnsafePointer(element))
            })
        default: self = .null
        }
    }

    /// The bytes of a bulk string, nil for a missing key.
    func bytesOrNil() throws(RedisError) -> [UInt8]? {
        switch self {
        case .bytes(let bytes): return bytes
        case .null: return nil
        case .error(let message): throw RedisError(message: message)
        default: throw RedisError(message: "unexpected reply \(self)")
        }
    }
}

/// A Redis failure: not connected, a timeout, a lost connection or an error reply.
public struct RedisError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String

    /// Creates an error with `message`.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { "Redis: " + message }
}
