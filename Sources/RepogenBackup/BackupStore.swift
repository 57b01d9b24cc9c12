import Foundation

/// The backup directory: `NAME.dump` and `NAME.manifest.json` pairs, and the file errors mapped to `BackupError`.
struct BackupStore: Sendable {
    let directory: String

    static let manifestSuffix = ".manifest.json"

    func dumpPath(_ name: String) -> String { directory + "/" + name + ".dump" }
    func manifestPath(_ name: String) -> String { directory + "/" + name + Self.manifestSuffix }
    /// Where `pg_dump` writes until the dump is complete, so a failed run never looks like a backup.
    func partialPath(_ name: String) -> String { dumpPath(name) + ".partial" }

    /// Creates the directory when missing and checks that this process may write in it.
    func prepare() throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Self.mapped(error, path: directory)
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            throw BackupError.permissionDenied(path: directory)
        }
    }

    /// Writes `manifest` beside its dump, atomically.
    func write(_ manifest: BackupManifest) throws {
        let path = manifestPath(manifest.name)
        do {
            try manifest.encoded().write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw Self.mapped(error, path: path)
        }
    }

    /// The manifest named `name`, or the newest one when nil.
    func manifest(named name: String?) throws -> BackupManifest {
        guard let name else {
            guard let newest = try list().last else {
                throw BackupError.backupNotFound(path: directory)
            }
            return newest
        }
        let path = manifestPath(name)
        guard let data = FileManager.default.contents(atPath: path),
              let manifest = try? BackupManifest.decode(data)
        else {
            throw BackupError.backupNotFound(path: path)
        }
        return manifest
    }

    /// Every readable manifest in the directory, oldest first; unreadable ones are skipped.
    func list() throws -> [BackupManifest] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw Self.mapped(error, path: directory)
        }
        return names.filter { $0.hasSuffix(Self.manifestSuffix) }.compactMap { file in
            FileManager.default.contents(atPath: directory + "/" + file).flatMap { try? BackupManifest.decode($0) }
        }.sorted { ($0.createdAt, $0.name) < ($1.createdAt, $1.name) }
    }

    /// Deletes a backup's dump and manifest (the manifest last, so a half-deleted backup is still listed).
    func remove(_ manifest: BackupManifest) throws {
        for path in [directory + "/" + manifest.dumpFile, manifestPath(manifest.name)] {
            do {
                if FileManager.default.fileExists(atPath: path) {
                    try FileManager.default.removeItem(atPath: path)
                }
            } catch {
                throw Self.mapped(error, path: path)
            }
        }
    }

    /// Checks a dump's size, then its SHA-256, against its manifest.
    func checkIntegrity(of manifest: BackupManifest) throws {
        let path = directory + "/" + manifest.dumpFile
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.int64Value
        else {
            throw BackupError.backupNotFound(path: path)
        }
        if size < manifest.sizeBytes {
            throw BackupError.dumpTruncated(path: path, expectedBytes: manifest.sizeBytes, actualBytes: size)
        }
        let digest: String
        do {
            digest = try SHA256.hex(ofFile: path)
        } catch {
            throw Self.mapped(error, path: path)
        }
        guard size == manifest.sizeBytes, digest == manifest.sha256 else {
            throw BackupError.checksumMismatch(path: path, expected: manifest.sha256, actual: digest)
        }
    }

    /// A file-system error as `noSpace` or `permissionDenied` when it is one, else unchanged.
    static func mapped(_ error: any Error, path: String) -> any Error {
        let nsError = error as NSError
        let posix = nsError.domain == NSPOSIXErrorDomain ? Int32(nsError.code)
            : (nsError.userInfo[NSUnderlyingErrorKey] as? NSError).map { Int32($0.code) }
        switch (posix, nsError.domain == NSCocoaErrorDomain ? nsError.code : nil) {
        case (ENOSPC?, _), (_, CocoaError.fileWriteOutOfSpace.rawValue?):
            return BackupError.noSpace(path: path)
        case (EACCES?, _), (EPERM?, _), (_, CocoaError.fileWriteNoPermission.rawValue?),
             (_, CocoaError.fileReadNoPermission.rawValue?):
            return BackupError.permissionDenied(path: path)
        default:
            return error
        }
    }

    /// A failed tool's output as `noSpace` or `permissionDenied` when it says so, else `toolFailed`.
    static func classify(tool: String, _ outcome: ToolProcess.Outcome, path: String) -> BackupError {
        if outcome.output.contains("No space left on device") {
            return .noSpace(path: path)
        }
        if outcome.output.contains("Permission denied") {
            return .permissionDenied(path: path)
        }
        return .toolFailed(tool: tool, status: outcome.status, output: outcome.tail)
    }
}
