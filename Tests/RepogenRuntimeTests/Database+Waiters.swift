@testable import RepogenRuntime

extension Database {
    /// Waits (without asserting any duration) until `count` callers queue for a connection of this pool.
    func waitForWaiters(count: Int) async throws {
        while pool.figures.waiting < count {
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
