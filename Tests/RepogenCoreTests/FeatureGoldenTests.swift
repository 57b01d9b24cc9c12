import Foundation
import Testing
@testable import RepogenCore

/// One folder per language feature under `Tests/Fixtures/features`: a `schema.yaml` and, in `expected/`, the
/// three generated Swift files and `schema.sql`, compared byte for byte. `make regen-references` (or
/// `REPOGEN_UPDATE_GOLDEN=1`) rewrites them after an intended change; review the diff like any code.
enum FeatureFixtures {
    /// `Tests/Fixtures/features`.
    static let directory = GoldenGenerationTests.packageRoot.appendingPathComponent("Tests/Fixtures/features")

    /// Every feature folder, sorted.
    static func names() throws -> [String] {
        let manager = FileManager.default
        return try manager.contentsOfDirectory(atPath: directory.path)
            .filter { manager.fileExists(atPath: directory.appendingPathComponent($0 + "/schema.yaml").path) }
            .sorted()
    }

    /// The namespace a feature's code is generated under: `soft_delete` → `FeatureSoftDelete`.
    static func namespace(of feature: String) -> String {
        "Feature" + Naming.pascalCase(feature)
    }

    /// The validated schema of a feature, and every diagnostic the reader gave (warnings included).
    static func read(_ feature: String) -> SchemaReadResult {
        let path = directory.appendingPathComponent("\(feature)/schema.yaml").path
        let yaml = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return SchemaReader.read(yaml: yaml, file: "schema.yaml")
    }

    /// The generated Swift files and `schema.sql` of `schema`; the DDL is also embedded as migration 1.
    static func generate(_ schema: Schema, namespace: String) throws -> [GeneratedFile] {
        let templates = try TemplateSet(
            directory: GoldenGenerationTests.packageRoot.appendingPathComponent("templates").path)
        let ddl = MigrationHistory.schemaSQL(for: schema, sourceFile: "schema.yaml")
        let migration = MigrationFile(version: 1, name: "initial", up: ddl, down: nil)
        let files = Generator(templates: templates)
            .generate(schema, namespace: namespace, sourceFile: "schema.yaml", migrations: [migration])
        return files + [GeneratedFile(name: "schema.sql", contents: ddl)]
    }
}

@Suite struct FeatureGoldenTests {
    @Test func everyFeatureHasAFixture() throws {
        let expected: Set = [
            "append_only", "audited_tenant", "docs", "enums", "finders", "indexes", "relations", "renames",
            "soft_delete", "timestamps", "versioned", "cache", "keywords",
        ]
        #expect(expected.isSubset(of: Set(try FeatureFixtures.names())))
    }

    @Test(arguments: try FeatureFixtures.names())
    func generatedOutputMatchesExpected(feature: String) throws {
        let result = FeatureFixtures.read(feature)
        #expect(result.diagnostics.isEmpty, "\(feature): \(result.diagnostics.map(\.description))")
        let schema = try #require(result.schema)
        let update = ProcessInfo.processInfo.environment["REPOGEN_UPDATE_GOLDEN"] == "1"
        let expected = FeatureFixtures.directory.appendingPathComponent("\(feature)/expected")
        for file in try FeatureFixtures.generate(schema, namespace: FeatureFixtures.namespace(of: feature)) {
            let path = expected.appendingPathComponent(file.name + ".golden")
            if update {
                try FileManager.default.createDirectory(at: expected, withIntermediateDirectories: true)
                try file.contents.write(to: path, atomically: true, encoding: .utf8)
                continue
            }
            let committed = (try? String(contentsOf: path, encoding: .utf8)) ?? ""
            let difference = LineDiff.describe(expected: committed, actual: file.contents)
            #expect(difference == nil, "\(feature)/expected/\(file.name).golden differs:\n\(difference ?? "")")
        }
    }
}
