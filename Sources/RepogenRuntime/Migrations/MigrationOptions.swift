/// How `Database.migrate` and `Database.revertMigrations` run: the DDL lock timeout and a progress callback.
///
/// ```swift
/// try await db.migrate(AppSchema.migrations, options: .init(progress: { print($0) }))
/// // applied 0002_add_quote_currency (3 steps) in 41 ms
/// ```
public struct MigrationOptions: Sendable {
    /// The `lock_timeout` set for the migration's statements, so DDL waiting behind a long query fails instead of
    /// blocking every other query queued behind it; nil leaves the server's setting.
    public var lockTimeout: Duration?
    /// Called once per migration applied or reverted, after it finished.
    public var progress: (@Sendable (MigrationProgress) -> Void)?

    /// Creates options; ten seconds of lock timeout and no progress output by default.
    public init(lockTimeout: Duration? = .seconds(10), progress: (@Sendable (MigrationProgress) -> Void)? = nil) {
        self.lockTimeout = lockTimeout
        self.progress = progress
    }

    /// `lock_timeout` as PostgreSQL reads it, in whole milliseconds.
    var lockTimeoutMilliseconds: Int64? {
        lockTimeout.map { $0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000 }
    }
}

/// One migration applied or reverted, with how long it took.
public struct MigrationProgress: Sendable, Hashable, CustomStringConvertible {
    /// Whether the migration was applied or reverted.
    public enum Direction: String, Sendable, Hashable {
        /// The migration's up SQL ran.
        case applied
        /// The migration's down SQL ran.
        case reverted
    }

    /// The migration's version.
    public let version: Int
    /// The migration's name.
    public let name: String
    /// Applied or reverted.
    public let direction: Direction
    /// How many steps ran.
    public let steps: Int
    /// The wall-clock time it took.
    public let duration: Duration

    /// Creates a progress report.
    public init(version: Int, name: String, direction: Direction, steps: Int, duration: Duration) {
        self.version = version
        self.name = name
        self.direction = direction
        self.steps = steps
        self.duration = duration
    }

    /// `applied 0002_add_quote_currency (3 steps) in 41 ms`.
    public var description: String {
        let stem = Migration(version: version, name: name, up: "", down: nil).stem
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return "\(direction.rawValue) \(stem) (\(steps) step\(steps == 1 ? "" : "s")) in \(milliseconds) ms"
    }
}

/// Where one migration stands in a database.
public struct MigrationStatus: Sendable, Hashable, CustomStringConvertible {
    /// The state of a migration.
    public enum State: Sendable, Hashable {
        /// Recorded as applied, with the same checksum.
        case applied
        /// Not recorded yet.
        case pending
        /// Its transactional part is applied; steps from `nextStep` (0-based) still have to run.
        case partiallyApplied(nextStep: Int)
        /// Recorded with a different checksum: the file was edited after it was applied.
        case checksumChanged
        /// Recorded in the database but not among the migrations given.
        case unknown
    }

    /// The migration's version.
    public let version: Int
    /// The migration's name.
    public let name: String
    /// Its state.
    public let state: State

    /// Creates a status line.
    public init(version: Int, name: String, state: State) {
        self.version = version
        self.name = name
        self.state = state
    }

    /// `0002_add_quote_currency  applied`.
    public var description: String {
        let stem = Migration(version: version, name: name, up: "", down: nil).stem
        switch state {
        case .applied: return "\(stem)  applied"
        case .pending: return "\(stem)  pending"
        case .partiallyApplied(let next): return "\(stem)  partially applied (resumes at step \(next + 1))"
        case .checksumChanged: return "\(stem)  applied, but its SQL changed since (checksum mismatch)"
        case .unknown: return "\(stem)  applied, but unknown to this program"
        }
    }
}
