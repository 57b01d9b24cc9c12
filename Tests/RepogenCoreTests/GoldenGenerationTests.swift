import Foundation
import Testing
@testable import RepogenCore

/// The Swift and SQL generated from the package's own `schema.yaml`, compared byte for byte with the
/// committed references in `Tests/Fixtures/golden/QuoteMaster`. Set `REPOGEN_UPDATE_GOLDEN=1` to rewrite them
/// after an intended change, then review the diff like any code.
@Suite struct GoldenGenerationTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let goldenDirectory = packageRoot.appendingPathComponent("Tests/Fixtures/golden/QuoteMaster")

    func generatedFiles() throws -> [GeneratedFile] {
        let result = SchemaReader.read(contentsOf: Self.packageRoot.appendingPathComponent("schema.yaml").path)
        let schema = try #require(result.schema, "schema.yaml is invalid: \(result.diagnostics)")
        let templates = try TemplateSet(directory: Self.packageRoot.appendingPathComponent("templates").path)
        let migrations = try MigrationFile.load(
            directory: Self.packageRoot.appendingPathComponent("Generated/migrations").path
        )
        var files = Generator(templates: templates)
            .generate(schema, namespace: "QuoteMaster", sourceFile: "schema.yaml", migrations: migrations)
        let ddl = MigrationHistory.schemaSQL(for: schema, sourceFile: "schema.yaml")
        files.append(GeneratedFile(name: "schema.sql", contents: ddl))
        return files
    }

    @Test func generatedCodeMatchesCommittedReferences() throws {
        let update = ProcessInfo.processInfo.environment["REPOGEN_UPDATE_GOLDEN"] == "1"
        for file in try generatedFiles() {
            let path = Self.goldenDirectory.appendingPathComponent(file.name + ".golden")
            if update {
                try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
                try file.contents.write(to: path, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try String(contentsOf: path, encoding: .utf8)
            let difference = LineDiff.describe(expected: expected, actual: file.contents)
            #expect(difference == nil, "\(file.name) differs from \(path.lastPathComponent):\n\(difference ?? "")")
        }
    }

    @Test func committedSchemaSQLIsWhatTheGeneratorWrites() throws {
        let committed = try String(
            contentsOf: Self.packageRoot.appendingPathComponent("Generated/schema.sql"), encoding: .utf8
        )
        let generated = try #require(try generatedFiles().first { $0.name == "schema.sql" })
        #expect(LineDiff.describe(expected: committed, actual: generated.contents) == nil)
    }

    @Test func generationIsDeterministic() throws {
        #expect(try generatedFiles() == generatedFiles())
    }
}

/// A small line diff for test failures: the first differing region, with line numbers.
enum LineDiff {
    static func describe(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let mismatch = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }
        let first = mismatch?.offset ?? min(old.count, new.count)
        var lines = ["first difference at line \(first + 1) (expected \(old.count) lines, got \(new.count)):"]
        for index in max(0, first - 2)..<min(max(old.count, new.count), first + 6) {
            if index < old.count, index >= new.count || old[index] != new[index] { lines.append("- \(old[index])") }
            if index < new.count, index >= old.count || old[index] != new[index] { lines.append("+ \(new[index])") }
            if index < old.count, index < new.count, old[index] == new[index] { lines.append("  \(old[index])") }
        }
        return lines.joined(separator: "\n")
    }
}
