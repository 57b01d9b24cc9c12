import Foundation

/// The commands repogen's messages tell a user to run, spelled so each works as printed from where the user stands:
/// the schema is always named with `--schema`, by a path relative to the user's directory when it lies under it.
public struct CommandHints: Sendable, Equatable {
    /// The schema path as the user types it, shell-quoted when it needs to be.
    public let schemaArgument: String

    /// Hints for the schema at `schemaPath` (absolute, or relative to the current directory), printed to a user
    /// standing in `userDirectory` (default: the current directory; the build plugin passes the package's).
    public init(schemaPath: String, userDirectory: String? = nil) {
        let current = FileManager.default.currentDirectoryPath
        let absolute = Self.absolute(schemaPath, in: current)
        let relative = Self.relative(absolute, to: Self.absolute(userDirectory ?? current, in: current))
        schemaArgument = Self.shellQuoted(relative)
    }

    /// `swift run repogen migrate new NAME --schema PATH`.
    public func migrateNew(_ name: String) -> String {
        "swift run repogen migrate new \(name) --schema \(schemaArgument)"
    }

    /// `swift run repogen migrate check --schema PATH`.
    public var migrateCheck: String {
        "swift run repogen migrate check --schema \(schemaArgument)"
    }

    /// `path` made absolute against `directory`, without `.` and `..` components.
    static func absolute(_ path: String, in directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }

    /// `path` relative to `directory` (both absolute); `path` itself when they share nothing but the root.
    static func relative(_ path: String, to directory: String) -> String {
        let target = (path as NSString).pathComponents
        let base = (directory as NSString).pathComponents
        let shared = zip(target, base).prefix { $0 == $1 }.count
        guard shared > 1 else { return path }
        let ups = Array(repeating: "..", count: base.count - shared)
        let rest = ups + target[shared...]
        return rest.isEmpty ? "." : rest.joined(separator: "/")
    }

    /// `text` as one shell word: unchanged when it holds only safe characters, else in single quotes.
    static func shellQuoted(_ text: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./+=:,@%")
        if !text.isEmpty, text.allSatisfy(safe.contains) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
