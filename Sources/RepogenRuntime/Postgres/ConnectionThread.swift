import Foundation

/// One dedicated OS thread per connection for the libpq work that may block: connecting, closing, finishing a batch
/// whose reply is slower than `inlineWait`, and the statements the pool queued while every connection was busy
/// (`ConnectionPool+Dispatch.swift`); jobs run in submission order.
///
/// Async callers suspend on a continuation, so that work never occupies Swift's cooperative pool.
final class ConnectionThread: @unchecked Sendable {
    /// The thread's name, e.g. `repogen.pg.3`.
    let name: String
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []  // guarded by condition
    private var isStopping = false  // guarded by condition

    private static let counter = Locked(0)

    /// How often a thread that ran out of jobs yields the CPU (`sched_yield`) before it sleeps on its condition.
    ///
    /// Under load the next job (the pool's next queued statement) usually arrives within those few microseconds
    /// and is then taken without a futex wake-up (docs/performance.md). A yield with nothing else to run is cheap.
    static let yieldsBeforeSleeping = 20

    init() {
        let number = Self.counter.withLock { count in
            count += 1
            return count
        }
        name = "repogen.pg.\(number)"
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.start()
    }

    /// Runs `work` on the thread and returns its result to the awaiting task.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = submit {
                continuation.resume(with: Result { try work() })
            }
            if !accepted {
                continuation.resume(throwing: RepogenError(kind: .connectionFailed, message: "connection is closed"))
            }
        }
    }

    /// The operating system's name for the calling thread (what `ps -L` and debuggers show).
    static func currentOSThreadName() -> String {
        #if os(Linux)
        let name = try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
        return name?.trimmingCharacters(in: .newlines) ?? ""
        #else
        return Thread.current.name ?? ""
        #endif
    }

    /// Names the calling thread for the OS; a new thread otherwise keeps its creator's name.
    private static func setOSThreadName(_ name: String) {
        #if os(Linux)
        try? name.write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
        #else
        Thread.current.name = name
        #endif
    }

    /// Queues a job; returns false when the thread is stopping.
    @discardableResult
    func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !isStopping else {
            return false
        }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// Lets the thread finish its queued jobs and exit.
    func stop() {
        condition.lock()
        isStopping = true
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        Self.setOSThreadName(name)
        while let job = nextJob() {
            job()
        }
    }

    private func nextJob() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        var spins = 0
        while jobs.isEmpty && !isStopping {
            if spins < Self.yieldsBeforeSleeping {
                spins += 1
                condition.unlock()
                sched_yield()
                condition.lock()
                continue
            }
            condition.wait()
        }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }
}
