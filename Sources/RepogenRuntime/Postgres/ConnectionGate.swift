import Foundation

/// Lets one task at a time drive a connection; later callers wait their turn in arrival order.
///
/// The uncontended path is one lock round trip and no suspension, which matters on the `find(id:)` hot path;
/// a pooled connection is leased to one task, so waiting only happens when a bare connection is shared.
final class ConnectionGate: @unchecked Sendable {
    private let lock = NSLock()
    private var isHeld = false  // guarded by lock
    private var waiters: [CheckedContinuation<Void, Never>] = []  // guarded by lock

    /// Returns once the caller holds the gate.
    func enter() async {
        guard !tryEnter() else {
            return
        }
        await withCheckedContinuation { continuation in
            // The gate may have been left since `tryEnter`: then take it and resume at once.
            let entered = lock.withLock {
                guard isHeld else {
                    isHeld = true
                    return true
                }
                waiters.append(continuation)
                return false
            }
            if entered {
                continuation.resume()
            }
        }
    }

    /// Takes the gate if it is free.
    func tryEnter() -> Bool {
        lock.withLock {
            guard !isHeld else {
                return false
            }
            isHeld = true
            return true
        }
    }

    /// Passes the gate to the next waiter, or opens it.
    func leave() {
        let next: CheckedContinuation<Void, Never>? = lock.withLock {
            guard !waiters.isEmpty else {
                isHeld = false
                return nil
            }
            return waiters.removeFirst()
        }
        next?.resume()
    }
}
