import Foundation
import Testing
@testable import RepogenCore

/// The built-in templates, overrides of any subset of them, and template errors located in the template file.
@Suite struct TemplateSetTests {
    static let templatesDirectory = GoldenGenerationTests.packageRoot.appendingPathComponent("templates")

    /// A fresh directory holding `files` (name: text), removed by the caller.
    func directory(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return url
    }

    /// The generated files of a two-entity schema, rendered with `templates`.
    func render(_ templates: TemplateSet) throws -> [String: String] {
        let yaml = """
            version: 1
            entities:
              Author:
                table: authors
                fields:
                  id:   { type: uuid, primary: true, default: random }
                  name: { type: string, max: 100 }
            """
        let schema = try #require(SchemaReader.read(yaml: yaml, file: "schema.yaml").schema)
        let files = Generator(templates: templates)
            .generate(schema, namespace: "Library", sourceFile: "schema.yaml", migrations: [])
        return Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.contents) })
    }

    @Test func builtInTemplatesAreTheTemplatesDirectory() throws {
        let builtIn = TemplateSet.builtInTemplates
        #expect(builtIn.keys.sorted() == TemplateSet.requiredNames.sorted())
        for name in TemplateSet.requiredNames {
            let file = Self.templatesDirectory.appendingPathComponent(name + ".mustache")
            let expected = try String(contentsOf: file, encoding: .utf8)
            #expect(builtIn[name] == expected,
                    "\(name).mustache differs from its built-in copy: run `make embed-templates`")
        }
    }

    @Test func builtInDefaultsRenderLikeTheTemplatesDirectory() throws {
        let builtIn = try render(TemplateSet(overrides: nil))
        #expect(try builtIn == render(TemplateSet(directory: Self.templatesDirectory.path)))
    }

    @Test func anOverrideReplacesOnlyTheTemplateOfItsName() throws {
        let original = try String(
            contentsOf: Self.templatesDirectory.appendingPathComponent("repository.mustache"), encoding: .utf8)
        let custom = original + "\n// custom repository footer for {{name}}\n"
        let overrides = try directory(["repository.mustache": custom])
        defer { try? FileManager.default.removeItem(at: overrides) }
        let templates = try TemplateSet(overrides: overrides.path)
        #expect(templates.overridden == ["repository"])
        #expect(templates.warnings.isEmpty)
        let files = try render(templates)
        let defaults = try render(TemplateSet(overrides: nil))
        #expect(files["RepogenRepositories.swift"]?.contains("// custom repository footer for Author") == true)
        #expect(files["RepogenEntities.swift"] == defaults["RepogenEntities.swift"])
        #expect(files["RepogenSchema.swift"] == defaults["RepogenSchema.swift"])
    }

    @Test func anExtraTemplateIsAPartialAndAnUnusedOneWarns() throws {
        let overrides = try directory([
            "entities.mustache": "// {{> header}}\n{{#entities}}{{name}}\n{{/entities}}",
            "header.mustache": "Library header",
            "repositry.mustache": "misspelt",
        ])
        defer { try? FileManager.default.removeItem(at: overrides) }
        let templates = try TemplateSet(overrides: overrides.path)
        #expect(try render(templates)["RepogenEntities.swift"] == "// Library header\nAuthor\n")
        let warnings = templates.warnings.map(\.description)
        #expect(warnings.count == 1)
        let misspelt = overrides.appendingPathComponent("repositry.mustache").path
        #expect(warnings.first?.hasPrefix(misspelt + ":1:1: warning:") == true)
    }

    @Test func aTemplateSyntaxErrorNamesTheFileLineAndColumn() throws {
        let overrides = try directory(["repository.mustache": "// line 1\n// line 2\npublic {{name} x\n// line 4\n"])
        defer { try? FileManager.default.removeItem(at: overrides) }
        let error = #expect(throws: DiagnosticsError.self) { try TemplateSet(overrides: overrides.path) }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect(error?.diagnostics.count == 1)
        #expect(diagnostic.location.file == overrides.appendingPathComponent("repository.mustache").path)
        #expect(diagnostic.location.line == 3)
        #expect(diagnostic.severity == .error)
    }

    @Test func aMissingOverrideDirectoryIsAnError() throws {
        let error = #expect(throws: DiagnosticsError.self) { try TemplateSet(overrides: "/nonexistent/templates") }
        #expect(error?.diagnostics.map(\.message) == ["cannot read the template directory '/nonexistent/templates'"])
    }
}
