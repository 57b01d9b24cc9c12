import Foundation
import Testing
@testable import RepogenCore

/// The reserved names stay complete (against the runtime's sources and the reference doc), `--namespace` is
/// checked, and no cached read shares another's key.
@Suite struct NamingAuthorityTests {
    static let root = GoldenGenerationTests.packageRoot

    /// `public struct|class|enum|protocol|actor|typealias NAME` at the start of a line of RepogenRuntime.
    static func runtimeTypeNames() throws -> Set<String> {
        let directory = root.appendingPathComponent("Sources/RepogenRuntime")
        let files = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
        let pattern = try Regex(#"^public (?:final )?(?:struct|class|enum|protocol|actor|typealias) ([A-Za-z0-9_]+)"#)
            .anchorsMatchLineEndings()
        var names: Set<String> = []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: directory.appendingPathComponent(file).path, encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let name = match.output[1].substring { names.insert(String(name)) }
            }
        }
        return names
    }

    @Test func everyPublicRuntimeTypeIsReservedAndNoOtherIs() throws {
        let declared = try Self.runtimeTypeNames()
        #expect(declared.count > 40)
        #expect(declared.subtracting(ReservedNames.runtimeTypes).sorted() == [], "missing from ReservedNames")
        #expect(ReservedNames.runtimeTypes.subtracting(declared).sorted() == [], "no longer in the runtime")
    }

    /// The backquoted names of the `- **LABEL**` item of the reference's "Names" section.
    static func documented(_ label: String) throws -> Set<String> {
        let path = root.appendingPathComponent("docs/schema-reference.md").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "\n## Names\n").dropFirst().first)
            .components(separatedBy: "\n## ").first ?? ""
        let item = try #require(section.components(separatedBy: "\n- **" + label + "**").dropFirst().first)
            .components(separatedBy: "\n- ").first ?? ""
        let names = item.matches(of: try Regex("`([^`]+)`")).compactMap { $0.output[1].substring }
        return Set(names.map(String.init))
    }

    @Test func referenceDocListsEveryReservedName() throws {
        #expect(try Self.documented("Swift keywords") == Naming.swiftKeywords)
        #expect(try Self.documented("Refused even escaped") == ReservedNames.unescapableNames)
        #expect(try Self.documented("Runtime types") == ReservedNames.runtimeTypes)
        #expect(try Self.documented("Swift types") == ReservedNames.swiftTypes)
        #expect(try Self.documented("Field names") == ReservedNames.fieldNames)
        #expect(try Self.documented("Enum case names") == ReservedNames.enumCaseNames)
        #expect(try Self.documented("Repository properties") == ReservedNames.repositoryProperties)
        #expect(try Self.documented("Runner tables") == ReservedNames.runnerTables)
        #expect(try Self.documented("Namespace suffixes") == Set(ReservedNames.namespaceSuffixes))
    }

    @Test func keywordsAreEscapedAsNamesButNotAsLabels() {
        #expect(Naming.swiftIdentifier("class") == "`class`")
        #expect(Naming.swiftIdentifier("title") == "title")
        #expect(Naming.swiftArgumentLabel("class") == "class")
        #expect(Naming.swiftArgumentLabel("inout") == "`inout`")
        #expect(Naming.swiftMemberNameProblem("self") != nil)
        #expect(Naming.swiftMemberNameProblem("__") != nil)
        #expect(Naming.swiftMemberNameProblem("2x") == "starts with a digit")
        #expect(Naming.swiftMemberNameProblem("default") == nil)
    }

    static func schema(_ yaml: String) throws -> Schema {
        let result = SchemaReader.read(yaml: "version: 1\nentities:\n" + yaml, file: "schema.yaml")
        return try #require(result.schema, "\(result.diagnostics)")
    }

    @Test func namespaceMustBeAUsableTypeNameThatNoSchemaTypeTakes() throws {
        let schema = try Self.schema("""
              AppSchema:
                fields:
                  id: { type: uuid, primary: true }
            """)
        let problems = { (namespace: String) in
            Naming.namespaceDiagnostics(namespace, schema: schema, schemaFile: "schema.yaml").map(\.description)
        }
        #expect(problems("Shop") == [])
        #expect(problems("App") == [
            "schema.yaml:3:3: error: type name 'AppSchema' clashes with the type 'AppSchema' that --namespace App "
                + "generates; rename it or pass another --namespace",
        ])
        for bad in ["my-app", "", "1App", "class", "_", "Page", "Émile"] {
            #expect(problems(bad).count == 1, "\(bad)")
            #expect(problems(bad).first?.contains("is not usable") == true, "\(bad)")
        }
    }

    @Test func noCachedReadSharesAnotherReadsKey() throws {
        let schema = try Self.schema("""
              User:
                cache: { ttl: 60 }
                fields:
                  id:    { type: uuid, primary: true }
                  email: { type: string, unique: true }
                  code:  { type: string, unique: true }
                finders:
                  - { name: id, by: [email], unique: true }
                  - { name: byCode, by: [code], unique: true }
                  - { name: byEmail, by: [email], unique: true }
            """)
        let templates = try TemplateSet(overrides: nil)
        let files = Generator(templates: templates)
            .generate(schema, namespace: "App", sourceFile: "schema.yaml", migrations: [])
        let repositories = try #require(files.first { $0.name.contains("Repositories") }).contents
        let keys = repositories.matches(of: try Regex(#"Self\.cachePolicy, "([^"]+)""#))
            .compactMap { $0.output[1].substring.map(String.init) }
        #expect(keys == ["id", "findId", "findByCode", "findByEmail"])
        #expect(Set(keys).count == keys.count)
        #expect(keys.first == CacheText.findByIDKey)
    }
}
