import Foundation

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
final class StatementCounter: Sendable {
    private let count = Locked(0)

    var value: Int {
        count.current
    }

    func increment() {
        count.withLock { $0 += 1 }
    }
}
