import Foundation

/// Runs a command-line tool (`pg_dump`, `pg_restore`) to completion without blocking a thread of Swift's pool.
///
/// Standard output and error go to one temporary file, read back when the tool exits: the dump itself is written
/// with `-f`, so what is captured is only the tool's messages. Cancelling the calling task terminates the tool.
enum ToolProcess {
    /// How a tool exited and what it printed.
    struct Outcome: Sendable {
        let status: Int32
        let output: String

        /// The last 2,000 characters of the output, trimmed, for an error message.
        var tail: String {
            String(output.trimmingCharacters(in: .whitespacesAndNewlines).suffix(2000))
        }
    }

    /// Runs `executable` with `arguments` and returns its exit status and output.
    static func run(_ executable: String, _ arguments: [String]) async throws -> Outcome {
        let capture = FileManager.default.temporaryDirectory
            .appendingPathComponent("repogen-tool-\(getpid())-\(UUID().uuidString).out")
        guard FileManager.default.createFile(atPath: capture.path, contents: nil) else {
            throw BackupError.permissionDenied(path: capture.path)
        }
        defer { try? FileManager.default.removeItem(at: capture) }
        let handle = try FileHandle(forWritingTo: capture)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        let running = RunningProcess(process)
        let status = try await withTaskCancellationHandler {
            try await running.waitForExit()
        } onCancel: {
            running.terminate()
        }
        let output = (try? String(contentsOf: capture, encoding: .utf8)) ?? ""
        return Outcome(status: status, output: output)
    }
}

/// A started `Process`, shared between the waiting task and its cancellation handler.
///
/// `Process` is not `Sendable`; this box only calls `run`, `terminate` and reads the exit status, which
/// Foundation allows from any thread.
private final class RunningProcess: @unchecked Sendable {
    private let process: Process

    init(_ process: Process) {
        self.process = process
    }

    /// Starts the process and resumes with its exit status once it has exited.
    func waitForExit() async throws -> Int32 {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { finished in
                continuation.resume(returning: finished.terminationStatus)
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }

    /// Sends SIGTERM when the process is running.
    func terminate() {
        if process.isRunning {
            process.terminate()
        }
    }
}
