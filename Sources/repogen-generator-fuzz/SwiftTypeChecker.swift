import Foundation
import RepogenCore

/// Type-checks generated Swift against the built `RepogenRuntime` exactly as `scripts/check-generated-features`
/// does: Swift 6 mode, warnings as errors, one module per schema.
struct SwiftTypeChecker: Sendable {
    /// `.build/debug/Modules`, where `RepogenRuntime.swiftmodule` and its dependencies are.
    let modules: String
    /// The package root, for `Sources/CLibPQ/module.modulemap`.
    let packageRoot: String
    /// `-Xcc -I...` pairs for libpq's headers (`pkg-config --cflags-only-I libpq`).
    let libpqFlags: [String]
    /// Where each check writes its files (a directory per check, deleted afterwards).
    let scratch: String

    /// The module directory beside this executable, and libpq's include flags from pkg-config.
    static func beside(executable: String, packageRoot: String, scratch: String) throws -> SwiftTypeChecker {
        let modules = ((executable as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("Modules")
        guard FileManager.default.fileExists(atPath: modules + "/RepogenRuntime.swiftmodule") else {
            throw FuzzError("no RepogenRuntime.swiftmodule in \(modules); build the package first")
        }
        let cflags = try Subprocess.run(["pkg-config", "--cflags-only-I", "libpq"]).output
        let flags = cflags.split(whereSeparator: \.isWhitespace).flatMap { ["-Xcc", String($0)] }
        return SwiftTypeChecker(modules: modules, packageRoot: packageRoot, libpqFlags: flags, scratch: scratch)
    }

    /// nil when the files type-check cleanly, else the compiler's output (its first 60 lines).
    func problems(in files: [GeneratedFile], label: String) async throws -> String? {
        let directory = (scratch as NSString).appendingPathComponent("swift-\(label)")
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var paths: [String] = []
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file.name)
            try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let arguments = [
            "swiftc", "-typecheck", "-swift-version", "6", "-warnings-as-errors", "-module-name", "GeneratorFuzzModule",
            "-I", modules, "-Xcc", "-fmodule-map-file=\(packageRoot)/Sources/CLibPQ/module.modulemap",
        ] + libpqFlags + paths
        let result = try await Subprocess.runDetached(arguments, workingDirectory: directory)
        guard result.status != 0 else { return nil }
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        return "swiftc exited with \(result.status):\n" + lines.prefix(60).joined(separator: "\n")
    }
}

/// A fuzzing harness problem (not a finding): a missing tool or module, an unusable directory.
struct FuzzError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Runs command-line tools and collects their combined output.
enum Subprocess {
    /// Runs `arguments` (the tool is looked up on PATH) and waits, blocking the calling thread.
    static func run(_ arguments: [String], workingDirectory: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        let outputFile = NSTemporaryDirectory() + "repogen-generator-fuzz-\(UUID().uuidString).out"
        _ = FileManager.default.createFile(atPath: outputFile, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: outputFile) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: outputFile))
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output)
    }

    /// `run` on a thread of its own, so a long compile never blocks Swift's cooperative pool.
    static func runDetached(
        _ arguments: [String], workingDirectory: String? = nil
    ) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try run(arguments, workingDirectory: workingDirectory) })
            }.start()
        }
    }
}
