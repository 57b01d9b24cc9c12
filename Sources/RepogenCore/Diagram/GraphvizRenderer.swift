import Foundation

/// Why Graphviz could not turn DOT into SVG.
public enum GraphvizError: Error, Equatable, CustomStringConvertible {
    /// The Graphviz program is on none of the directories searched.
    case toolNotFound(tool: String, searched: [String])
    /// The program ran and exited with a non-zero status.
    case toolFailed(tool: String, status: Int32, message: String)
    /// The program could not be started, or its input or output could not be written or read.
    case ioFailed(tool: String, reason: String)

    /// A message that names the tool and what to do about it.
    public var description: String {
        switch self {
        case .toolNotFound(let tool, let searched):
            return "cannot render SVG: the Graphviz program '\(tool)' is not installed (searched PATH: "
                + (searched.isEmpty ? "empty" : searched.joined(separator: ":"))
                + "); install Graphviz (Debian and Ubuntu: apt-get install graphviz; macOS: brew install graphviz), "
                + "or write DOT with --format dot"
        case .toolFailed(let tool, let status, let message):
            return "\(tool) -Tsvg failed with exit status \(status)" + (message.isEmpty ? "" : ": \(message)")
        case .ioFailed(let tool, let reason):
            return "cannot run \(tool) -Tsvg: \(reason)"
        }
    }
}

/// SVG drawn by Graphviz, and anything it printed on standard error (warnings) while exiting successfully.
public struct RenderedSVG: Sendable, Equatable {
    /// The SVG document.
    public var svg: String
    /// Graphviz's standard error, empty when it had nothing to say.
    public var warnings: String
}

/// Runs Graphviz's `dot -Tsvg` on DOT text.
public struct GraphvizRenderer: Sendable {
    /// The program's name, looked up on `searchPath` (or a path, used as given).
    public var tool: String
    /// The directories searched, `PATH`-style.
    public var searchPath: String

    /// A renderer for `tool` (`dot` unless given) found on `searchPath` (the process's `PATH` unless given).
    public init(tool: String = "dot", searchPath: String? = nil) {
        self.tool = tool
        self.searchPath = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    }

    /// The program's full path, or `toolNotFound` naming it and every directory searched.
    public func executable() throws(GraphvizError) -> String {
        if tool.contains("/") {
            guard FileManager.default.isExecutableFile(atPath: tool) else {
                throw .toolNotFound(tool: tool, searched: [])
            }
            return tool
        }
        let directories = searchPath.split(separator: ":").map(String.init)
        for directory in directories where !directory.isEmpty {
            let candidate = (directory as NSString).appendingPathComponent(tool)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw .toolNotFound(tool: tool, searched: directories)
    }

    /// Draws `dot` as SVG. The DOT goes through a temporary file and the SVG comes back through another, so a
    /// large diagram cannot stall on a full pipe; standard error is read to its end before waiting.
    public func svg(fromDOT dot: String) throws(GraphvizError) -> RenderedSVG {
        let program = try executable()
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("repogen-diagram-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("schema.dot")
        let output = directory.appendingPathComponent("schema.svg")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(dot.utf8).write(to: input)
            let (status, message) = try run(program, ["-Tsvg", "-o", output.path, input.path])
            guard status == 0 else { throw GraphvizError.toolFailed(tool: tool, status: status, message: message) }
            return RenderedSVG(svg: try String(contentsOf: output, encoding: .utf8), warnings: message)
        } catch let error as GraphvizError {
            throw error
        } catch {
            throw .ioFailed(tool: tool, reason: "\(error)")
        }
    }

    /// Runs the program to its end: its exit status and its standard error, trimmed.
    private func run(_ program: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return (process.terminationStatus, text)
    }
}
