#if os(Linux)
import Foundation
@testable import RepogenTesting
import Synchronization
import Testing

/// The tools a throwaway cluster spawns (pg_ctl, initdb, the watchdog) inherit no descriptor of the test process.
@Suite("Spawning a throwaway cluster's tools")
struct ProcessRunnerTests {
    /// Opens and closes socket pairs on a thread of its own until stopped, as other tests' connections do.
    final class DescriptorChurn: Sendable {
        let running = Atomic(true)

        func start() {
            Thread { [self] in
                while running.load(ordering: .relaxed) {
                    var pair: [Int32] = [0, 0]
                    guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0 else { continue }
                    close(pair[0])
                    close(pair[1])
                }
            }.start()
        }
    }

    @Test("a spawned tool inherits no descriptor, not even one another thread opens during the spawn")
    func inheritsNoDescriptor() throws {
        let directory = NSTemporaryDirectory() + "repogen-spawn-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let churn = DescriptorChurn()
        churn.start()
        defer { churn.running.store(false, ordering: .relaxed) }
        for round in 0..<100 {
            let output = "\(directory)/descriptors-\(round)"
            let list = ["/bin/sh", "-c", "ls -l /proc/$$/fd"]
            let pid = try ProcessRunner.spawn(list, workingDirectory: "/", output: output)
            #expect(ProcessRunner.waitForExit(pid) == 0)
            let listing = try String(contentsOfFile: output, encoding: .utf8)
            #expect(!listing.contains("socket:"), "round \(round) inherited a socket:\n\(listing)")
        }
    }
}
#endif
