import Foundation

/// A committed migration: `NNNN_name.up.sql` and its optional `NNNN_name.down.sql`.
public struct MigrationFile: Hashable, Sendable {
    /// The number that orders migrations (`1` for `0001_initial`).
    public var version: Int
    /// The name after the number (`initial`).
    public var name: String
    /// The SQL that applies the migration.
    public var up: String
    /// The SQL that reverts it, when it can be reverted.
    public var down: String?

    /// Creates a migration file value.
    public init(version: Int, name: String, up: String, down: String?) {
        self.version = version
        self.name = name
        self.up = up
        self.down = down
    }

    /// The file name stem, `0001_initial`.
    public var stem: String { String(format: "%04d_%@", version, name) }

    /// Reads every `NNNN_NAME.up.sql` (and matching `.down.sql`) in `directory`, ordered by version.
    ///
    /// A missing directory means no migrations yet; a file that does not follow the pattern is an error.
    public static func load(directory: String) throws(DiagnosticsError) -> [MigrationFile] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var files: [MigrationFile] = []
        var diagnostics: [Diagnostic] = []
        for name in names.sorted() where name.hasSuffix(".up.sql") {
            let path = (directory as NSString).appendingPathComponent(name)
            let stem = String(name.dropLast(".up.sql".count))
            let parts = stem.split(separator: "_", maxSplits: 1)
            guard parts.count == 2, let version = Int(parts[0]), version > 0,
                  let up = try? String(contentsOfFile: path, encoding: .utf8) else {
                diagnostics.append(.error("migration file must be named NNNN_name.up.sql", at: .start(of: path)))
                continue
            }
            let downPath = (directory as NSString).appendingPathComponent(stem + ".down.sql")
            let down = try? String(contentsOfFile: downPath, encoding: .utf8)
            files.append(MigrationFile(version: version, name: String(parts[1]), up: up, down: down))
        }
        for (previous, next) in zip(files, files.dropFirst()) where previous.version == next.version {
            let path = (directory as NSString).appendingPathComponent(next.stem + ".up.sql")
            diagnostics.append(.error("duplicate migration version \(next.version)", at: .start(of: path)))
        }
        guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
        return files
    }
}
