import Foundation

/// The JSON file written beside each dump: what was dumped, from where, and how to check it.
public struct BackupManifest: Codable, Sendable, Equatable {
    /// The layout of this file; bumped when a field changes meaning.
    public var format: Int = 1
    /// The backup's name: its files are `NAME.dump` and `NAME.manifest.json`.
    public var name: String
    /// When the dump's snapshot was taken.
    public var createdAt: Date
    /// The database dumped.
    public var database: String
    /// The server's version, e.g. `16.4`.
    public var serverVersion: String
    /// The server's `server_version_num`, e.g. 160004.
    public var serverVersionNumber: Int
    /// What `pg_dump --version` printed.
    public var pgDumpVersion: String
    /// The newest fully applied migration in `schema_migrations`, or nil when the database has none.
    public var migrationVersion: Int?
    /// The dump's file name, relative to the manifest.
    public var dumpFile: String
    /// The dump's size in bytes.
    public var sizeBytes: Int64
    /// The dump's SHA-256, 64 lowercase hex digits.
    public var sha256: String
    /// Every table's row count and checksum, in the snapshot the dump was taken from, sorted by name.
    public var tables: [TableSnapshot]

    /// Creates a manifest.
    public init(
        name: String, createdAt: Date, database: String, serverVersion: String, serverVersionNumber: Int,
        pgDumpVersion: String, migrationVersion: Int?, dumpFile: String, sizeBytes: Int64, sha256: String,
        tables: [TableSnapshot]
    ) {
        self.name = name
        self.createdAt = createdAt
        self.database = database
        self.serverVersion = serverVersion
        self.serverVersionNumber = serverVersionNumber
        self.pgDumpVersion = pgDumpVersion
        self.migrationVersion = migrationVersion
        self.dumpFile = dumpFile
        self.sizeBytes = sizeBytes
        self.sha256 = sha256
        self.tables = tables
    }

    /// The manifest as indented JSON with sorted keys and ISO 8601 times.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(BackupName.iso8601(date))
        }
        return try encoder.encode(self)
    }

    /// Reads a manifest written by `encoded()`.
    public static func decode(_ data: Data) throws -> BackupManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = BackupName.date(iso8601: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: text))
            }
            return date
        }
        return try decoder.decode(BackupManifest.self, from: data)
    }
}

/// One table's contents in a snapshot: its row count and an order-independent checksum of its rows.
public struct TableSnapshot: Codable, Sendable, Equatable {
    /// The schema-qualified, quoted-as-needed name, e.g. `public.quotes`.
    public var table: String
    /// The number of rows.
    public var rows: Int64
    /// The sum of the first 64 bits of each row's MD5 (see `DatabaseSnapshot`), as decimal text.
    public var checksum: String

    /// Creates a table snapshot.
    public init(table: String, rows: Int64, checksum: String) {
        self.table = table
        self.rows = rows
        self.checksum = checksum
    }
}

/// Backup names and the times in them.
enum BackupName {
    /// `PREFIX-20250101T030405.123Z`: sorts by time, no characters a shell or file system minds.
    static func make(prefix: String, at date: Date) -> String {
        let stamp = iso8601(date).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        return prefix + "-" + stamp
    }

    /// `2025-01-01T03:04:05.123Z`.
    static func iso8601(_ date: Date) -> String {
        formatter().string(from: date)
    }

    /// The date in an `iso8601(_:)` text.
    static func date(iso8601 text: String) -> Date? {
        formatter().date(from: text)
    }

    private static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
