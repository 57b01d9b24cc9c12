import Foundation
import Synchronization

/// A value guarded by a lock, safe to share between threads.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    var current: Value {
        withLock { $0 }
    }
}

/// A thread-safe count of statements sent to the server.
///
/// An atomic rather than a lock: every statement increments two of these (its connection's and the database's).
final class StatementCounter: Sendable {
    private let count = Atomic<Int>(0)

    var value: Int {
        count.load(ordering: .relaxed)
    }

    func increment() {
        count.add(1, ordering: .relaxed)
    }
}
