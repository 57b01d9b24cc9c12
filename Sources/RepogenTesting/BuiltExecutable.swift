import Foundation

/// The path of an executable product built beside the test bundle (`swift build --build-tests` builds both).
///
/// ```swift
/// let repogen = try builtExecutable("repogen")
/// ```
public func builtExecutable(_ name: String) throws -> String {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    for directory in [bundle.deletingLastPathComponent(), Bundle.main.bundleURL.deletingLastPathComponent()] {
        let candidate = directory.appendingPathComponent(name).path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw MissingExecutable(description: "\(name) not found beside \(bundle.path); build with --build-tests")
}

/// An executable product the tests run was not built.
public struct MissingExecutable: Error, CustomStringConvertible {
    /// Which one, and where it was looked for.
    public let description: String
}
