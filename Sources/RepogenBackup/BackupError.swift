/// Why a backup, verification or restore failed; each case names what to do about it.
public enum BackupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `pg_dump` (or `pg_restore`) was found in any of the directories searched.
    case toolMissing(tool: String, searched: [String])
    /// Every `pg_dump` found is of an older major version than the server, which it cannot dump reliably.
    case toolTooOld(tool: String, found: [String], serverMajor: Int)
    /// The backup directory's file system is full.
    case noSpace(path: String)
    /// The backup directory (or a file in it) cannot be written or read.
    case permissionDenied(path: String)
    /// A tool exited with an error; `output` is the tail of what it printed.
    case toolFailed(tool: String, status: Int32, output: String)
    /// The dump is shorter than the manifest records: it was cut off.
    case dumpTruncated(path: String, expectedBytes: Int64, actualBytes: Int64)
    /// The dump's SHA-256 is not the one the manifest records: it was altered.
    case checksumMismatch(path: String, expected: String, actual: String)
    /// A backup's manifest or dump file is missing, or the manifest cannot be read.
    case backupNotFound(path: String)
    /// The restored copy's row counts or per-table checksums differ from the manifest's.
    case contentMismatch(differences: [String])
    /// The restore target already holds tables, and replacing them was not asked for.
    case targetNotEmpty(database: String, relations: Int)
    /// The dump's applied migration is not one the code knows (newer code is needed to run on that data).
    case migrationVersionMismatch(dumpVersion: Int, codeVersions: [Int])

    /// One line saying what went wrong and what to do.
    public var description: String {
        switch self {
        case .toolMissing(let tool, let searched):
            return "\(tool) not found (searched \(searched.joined(separator: ", "))); install postgresql-client "
                + "of the server's major version or pass its directory"
        case .toolTooOld(let tool, let found, let serverMajor):
            return "every \(tool) found is older than the server (PostgreSQL \(serverMajor)): "
                + found.joined(separator: ", ") + "; install postgresql-client-\(serverMajor) or newer"
        case .noSpace(let path):
            return "no space left on the device holding \(path)"
        case .permissionDenied(let path):
            return "permission denied: \(path)"
        case .toolFailed(let tool, let status, let output):
            return "\(tool) exited with status \(status): \(output)"
        case .dumpTruncated(let path, let expected, let actual):
            return "\(path) is truncated: \(actual) bytes, the manifest records \(expected)"
        case .checksumMismatch(let path, let expected, let actual):
            return "\(path) was altered: SHA-256 \(actual), the manifest records \(expected)"
        case .backupNotFound(let path):
            return "no readable backup at \(path)"
        case .contentMismatch(let differences):
            return "the restored copy differs from the manifest: " + differences.joined(separator: "; ")
        case .targetNotEmpty(let database, let relations):
            return "database \(database) is not empty (\(relations) relations); pass --replace to drop them first"
        case .migrationVersionMismatch(let dumpVersion, let codeVersions):
            let newest = codeVersions.max().map(String.init) ?? "none"
            return "the dump is at migration \(dumpVersion), which this code does not have (its newest is "
                + "\(newest)); restore it with the code that wrote it"
        }
    }
}
