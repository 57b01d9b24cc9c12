import Foundation

/// The file names locations point into, each stored once per process and named by a small number.
///
/// A schema of many entities holds millions of locations; with the name as a `String` in each, every copy of a
/// location (and of every declaration holding a dozen of them) retained and released the name's storage. With a
/// number, a location is plain data. Names are never removed: a process reads a handful of files.
enum SourceFileNames {
    /// The table; guarded by `lock`, which every access takes.
    private final class Table: @unchecked Sendable {
        let lock = NSLock()
        var names: [String] = []
        var numbers: [String: UInt32] = [:]
    }

    private static let table = Table()

    /// The number of `name`, given on first use.
    static func number(of name: String) -> UInt32 {
        table.lock.lock()
        defer { table.lock.unlock() }
        if let number = table.numbers[name] { return number }
        let number = UInt32(table.names.count)
        table.names.append(name)
        table.numbers[name] = number
        return number
    }

    /// The name a number was given for.
    static func name(of number: UInt32) -> String {
        table.lock.lock()
        defer { table.lock.unlock() }
        return table.names[Int(number)]
    }
}
