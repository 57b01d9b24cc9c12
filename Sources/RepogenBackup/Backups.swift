import Foundation
import RepogenRuntime

/// Verified backups of one PostgreSQL database into one directory, with the server's own `pg_dump`.
///
/// ```swift
/// let backups = Backups(url: "postgresql://app@db/quotes", directory: "/var/backups/quotes")
/// let manifest = try await backups.create()   // quotes-20250101T030405.123Z.dump + .manifest.json
/// try await backups.verify(manifest.name)     // restored into a scratch database and compared
/// ```
public struct Backups: Sendable {
    /// The database backed up (a `postgresql://` URL or libpq connection string), also the server verification
    /// restores on.
    public let url: String
    /// The directory holding the dumps and manifests.
    public let directory: String
    /// Where to look for `pg_dump` and `pg_restore`, or nil for the default search (`PostgresTools.locate`).
    public let toolDirectories: [String]?

    var store: BackupStore { BackupStore(directory: directory) }

    /// Creates the handle; nothing is touched until a method runs.
    public init(url: String, directory: String, toolDirectories: [String]? = nil) {
        self.url = url
        self.directory = directory
        self.toolDirectories = toolDirectories
    }

    /// Every backup in the directory, oldest first.
    public func list() throws -> [BackupManifest] {
        try store.list()
    }

    /// The backup named `name`, or the newest when nil; throws `backupNotFound`.
    public func manifest(named name: String? = nil) throws -> BackupManifest {
        try store.manifest(named: name)
    }

    /// Deletes the backups `retention` does not keep and returns them (`dryRun`: deletes nothing).
    @discardableResult
    public func prune(_ retention: BackupRetention, dryRun: Bool = false) throws -> [BackupManifest] {
        let manifests = try store.list()
        let kept = retention.kept(manifests.map(\.createdAt))
        let doomed = manifests.indices.filter { !kept.contains($0) }.map { manifests[$0] }
        if !dryRun {
            try doomed.forEach(store.remove)
        }
        return doomed
    }

    /// Connects with one connection to `url`, runs `body`, and closes whatever happens.
    ///
    /// The slow-statement log is off: the snapshot transaction lasts as long as `pg_dump` does, by design.
    static func withDatabase<T: Sendable>(
        _ url: String, _ body: (Database) async throws -> T
    ) async throws -> T {
        let database = try await Database.connect(
            DatabaseConfiguration(conninfo: url), pool: .init(minimum: 1, maximum: 1),
            options: DatabaseOptions(slowQueryThreshold: nil))
        return try await database.closing(after: body)
    }

    /// The tools for the server `database` is on.
    func locateTools(for database: Database) async throws -> (DatabaseSnapshot.ServerInfo, PostgresTools) {
        let info = try await DatabaseSnapshot.serverInfo(on: database)
        return (info, try await PostgresTools.locate(serverMajor: info.major, directories: toolDirectories))
    }
}
