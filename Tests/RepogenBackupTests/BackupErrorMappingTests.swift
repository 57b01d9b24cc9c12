import Foundation
import Testing

@testable import RepogenBackup

@Suite("Backup error mapping")
struct BackupErrorMappingTests {
    @Test("a full disk and a refused write become noSpace and permissionDenied; other errors pass through")
    func fileErrors() {
        let path = "/backups/x.dump"
        let full = BackupStore.mapped(NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC)), path: path)
        #expect(full as? BackupError == .noSpace(path: path))
        let cocoaFull = BackupStore.mapped(CocoaError(.fileWriteOutOfSpace), path: path)
        #expect(cocoaFull as? BackupError == .noSpace(path: path))
        let denied = BackupStore.mapped(CocoaError(.fileWriteNoPermission), path: path)
        #expect(denied as? BackupError == .permissionDenied(path: path))
        let posixDenied = BackupStore.mapped(NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES)), path: path)
        #expect(posixDenied as? BackupError == .permissionDenied(path: path))
        #expect(BackupStore.mapped(CocoaError(.fileNoSuchFile), path: path) as? BackupError == nil)
    }

    @Test("pg_dump's own words for a full disk and a refused file are recognised")
    func toolOutput() {
        let path = "/backups/x.dump.partial"
        let full = ToolProcess.Outcome(
            status: 1, output: "pg_dump: error: could not write to output file: No space left on device\n")
        #expect(BackupStore.classify(tool: "pg_dump", full, path: path) == .noSpace(path: path))
        let denied = ToolProcess.Outcome(
            status: 1, output: "pg_dump: error: could not open output file \"\(path)\": Permission denied\n")
        #expect(BackupStore.classify(tool: "pg_dump", denied, path: path) == .permissionDenied(path: path))
        let other = ToolProcess.Outcome(status: 1, output: "pg_dump: error: connection failed\n")
        #expect(BackupStore.classify(tool: "pg_dump", other, path: path)
            == .toolFailed(tool: "pg_dump", status: 1, output: "pg_dump: error: connection failed"))
    }

    @Test("the major version is read from pg_dump --version, old and new numbering")
    func versionLines() {
        #expect(PostgresTools.majorVersion(of: "pg_dump (PostgreSQL) 16.4 (Debian 16.4-1.pgdg120+1)") == 16)
        #expect(PostgresTools.majorVersion(of: "pg_dump (PostgreSQL) 9.6.24") == 9)
        #expect(PostgresTools.majorVersion(of: "pg_dump (PostgreSQL) 17devel") == 17)
        #expect(PostgresTools.majorVersion(of: "something else") == nil)
    }
}
