/// Big-endian helpers for PostgreSQL's binary wire format.
extension Array where Element == UInt8 {
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}

/// Reads big-endian integers from a result value, throwing when the bytes run out.
struct BinaryReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var remaining: Int {
        bytes.count - offset
    }

    mutating func read<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else {
            throw RepogenError.decoding("expected \(size) more bytes, found \(remaining)")
        }
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + size]))
        }
        offset += size
        return T(bigEndian: value)
    }

    mutating func readBytes(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, remaining >= count else {
            throw RepogenError.decoding("expected \(count) more bytes, found \(remaining)")
        }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }
}

/// Checks that a fixed-width value has exactly the expected size.
func expectSize(_ bytes: UnsafeRawBufferPointer, _ size: Int, for typeName: String) throws {
    guard bytes.count == size else {
        throw RepogenError.decoding("\(typeName) needs \(size) bytes, found \(bytes.count)")
    }
}
