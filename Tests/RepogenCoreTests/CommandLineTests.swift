import Foundation
import Testing
@testable import RepogenCore

/// The generate command line shared by `repogen generate` and `repogen-generate`, and the commands repogen's
/// messages suggest, which must work as printed from where the user stands.
@Suite struct CommandLineTests {
    @Test func generateOptionsParseBothSpellingsAndRequireOutput() throws {
        let options = try #require(try GenerateOptions.parse([
            "--schema", "Sources/Shop/schema.yaml", "--output=/tmp/out", "--namespace", "Shop",
            "--package-directory", "/work/shop",
        ]))
        #expect(options.schema == "Sources/Shop/schema.yaml")
        #expect(options.output == "/tmp/out")
        #expect(options.namespace == "Shop")
        #expect(options.packageDirectory == "/work/shop")
        #expect(options.templates == nil && options.snapshot == nil)
        #expect(try GenerateOptions.parse(["--output", "x", "--help"]) == nil)
        #expect(throws: GenerateOptions.UsageError(description: "missing '--output DIR'")) {
            try GenerateOptions.parse(["--schema", "schema.yaml"])
        }
        #expect(throws: GenerateOptions.UsageError(description: "missing value for '--output'")) {
            try GenerateOptions.parse(["--output"])
        }
        #expect(throws: GenerateOptions.UsageError(description: "unknown option '--bogus'")) {
            try GenerateOptions.parse(["--output", "x", "--bogus", "1"])
        }
    }

    @Test func hintsNameTheSchemaRelativeToTheUsersDirectory() {
        let nested = CommandHints(schemaPath: "/work/shop/Sources/Shop/schema.yaml", userDirectory: "/work/shop")
        #expect(nested.migrateNew("initial") == "swift run repogen migrate new initial --schema Sources/Shop/schema.yaml")
        #expect(nested.migrateCheck == "swift run repogen migrate check --schema Sources/Shop/schema.yaml")
        let above = CommandHints(schemaPath: "/work/shop/schema.yaml", userDirectory: "/work/shop/Sources")
        #expect(above.schemaArgument == "../schema.yaml")
        let elsewhere = CommandHints(schemaPath: "/srv/app/schema.yaml", userDirectory: "/home/ada")
        #expect(elsewhere.schemaArgument == "/srv/app/schema.yaml")
        let spaced = CommandHints(schemaPath: "/work/my shop/schema.yaml", userDirectory: "/work")
        #expect(spaced.schemaArgument == "'my shop/schema.yaml'")
    }

    @Test func relativeSchemaPathsStayAsTheUserTypedThem() {
        #expect(CommandHints(schemaPath: "Sources/Shop/schema.yaml").schemaArgument == "Sources/Shop/schema.yaml")
        #expect(CommandHints(schemaPath: "./schema.yaml").schemaArgument == "schema.yaml")
    }

    @Test func uncoveredChangesAndMissingSnapshotsSuggestTheCommandWithItsSchema() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hints-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let schema = (root as NSString).appendingPathComponent("Sources/Shop/schema.yaml")
        try FileManager.default.createDirectory(
            atPath: (schema as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let text = "version: 1\nentities:\n  Note:\n    table: notes\n    fields:\n"
            + "      id: { type: bigint, primary: true, default: identity }\n"
        try text.write(toFile: schema, atomically: true, encoding: .utf8)
        let history = MigrationHistory(directory: (root as NSString).appendingPathComponent("Sources/Shop/Generated"))
        let problems = history.check(schemaPath: schema, hints: CommandHints(schemaPath: schema, userDirectory: root))
        #expect(problems.map(\.message) == [
            "no migration covers this schema yet; run "
                + "`swift run repogen migrate new initial --schema Sources/Shop/schema.yaml`",
        ])
    }
}
