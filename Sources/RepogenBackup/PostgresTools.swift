import Foundation

/// The `pg_dump` and `pg_restore` a backup uses: from one directory, of a major version the server accepts.
public struct PostgresTools: Sendable, Equatable {
    /// The `pg_dump` executable.
    public let pgDump: String
    /// The `pg_restore` beside it.
    public let pgRestore: String
    /// The tools' major version, e.g. 16.
    public let majorVersion: Int
    /// What `pg_dump --version` printed, e.g. `pg_dump (PostgreSQL) 16.4`.
    public let versionLine: String

    /// Finds the tools for a server of major version `serverMajor`.
    ///
    /// Looks in `directories` when given, else where the test cluster looks for `initdb` (every
    /// `/usr/lib/postgresql/*/bin`, newest first) and then `PATH`. `pg_dump` must not be older than the server:
    /// the same major version is preferred, else the newest found. Throws `toolMissing` or `toolTooOld`.
    public static func locate(serverMajor: Int, directories: [String]? = nil) async throws -> PostgresTools {
        let searched = directories ?? defaultDirectories()
        var found: [PostgresTools] = []
        for directory in searched {
            if let tools = try await inspect(directory: directory) {
                found.append(tools)
            }
        }
        guard !found.isEmpty else {
            throw BackupError.toolMissing(tool: "pg_dump", searched: searched)
        }
        let usable = found.filter { $0.majorVersion >= serverMajor }
        guard let chosen = usable.first(where: { $0.majorVersion == serverMajor })
            ?? usable.max(by: { $0.majorVersion < $1.majorVersion })
        else {
            throw BackupError.toolTooOld(
                tool: "pg_dump", found: found.map { "\($0.pgDump) (\($0.versionLine))" }, serverMajor: serverMajor)
        }
        return chosen
    }

    /// The major version in a `--version` line: `pg_dump (PostgreSQL) 16.4 (Debian 16.4-1)` gives 16, and
    /// `9.6.24` gives 9 (before 10, the major version had two parts; 9 is below every supported server anyway).
    static func majorVersion(of versionLine: String) -> Int? {
        guard let range = versionLine.range(of: #"\) [0-9]+"#, options: .regularExpression) else {
            return nil
        }
        return Int(versionLine[range].dropFirst(2))
    }

    /// The tools in `directory`, or nil when it has no `pg_dump` and `pg_restore`.
    private static func inspect(directory: String) async throws -> PostgresTools? {
        let dump = directory + "/pg_dump", restore = directory + "/pg_restore"
        let manager = FileManager.default
        guard manager.isExecutableFile(atPath: dump), manager.isExecutableFile(atPath: restore) else {
            return nil
        }
        let outcome = try await ToolProcess.run(dump, ["--version"])
        let line = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard outcome.status == 0, let major = majorVersion(of: line) else {
            return nil
        }
        return PostgresTools(pgDump: dump, pgRestore: restore, majorVersion: major, versionLine: line)
    }

    /// `/usr/lib/postgresql/*/bin` newest first, then `PATH`.
    static func defaultDirectories() -> [String] {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let installed = versions.compactMap(Int.init).sorted(by: >).map { "\(root)/\($0)/bin" }
        let path = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").map(String.init) ?? []
        var seen = Set<String>()
        return (installed + path).filter { seen.insert($0).inserted }
    }
}
