import Foundation
import Mustache

/// A file the generator writes: a name relative to the output directory and its full text.
public struct GeneratedFile: Hashable, Sendable {
    /// The file name, e.g. `RepogenEntities.swift`.
    public var name: String
    /// The complete file contents.
    public var contents: String
}

/// Renders Swift sources for a schema from Mustache templates.
///
/// ```swift
/// let generator = try Generator(templates: TemplateSet(directory: "templates"))
/// let files = generator.generate(schema, namespace: "QuoteMaster", sourceFile: "schema.yaml", migrations: [])
/// ```
public struct Generator: Sendable {
    /// The templates of each output file, by output file name.
    public static let outputs: [(template: String, file: String)] = [
        ("entities", "RepogenEntities.swift"),
        ("repositories", "RepogenRepositories.swift"),
        ("schema", "RepogenSchema.swift"),
        ("inmemory", "RepogenInMemory.swift"),
        ("factories", "RepogenFactories.swift"),
    ]

    let library: MustacheLibrary

    /// Creates a generator from a parsed set of templates.
    public init(templates: TemplateSet) {
        self.library = templates.library
    }

    /// Renders every output file for `schema`; the names are fixed, so a build plugin can declare them up front.
    public func generate(
        _ schema: Schema, namespace: String, sourceFile: String, migrations: [MigrationFile]
    ) -> [GeneratedFile] {
        let context = SchemaContext(
            schema: schema, namespace: namespace, sourceFile: sourceFile, migrations: migrations
        )
        var values = TemplateValues.tree(context)
        // The protocols list the repository structs' methods as rendered, so the repositories come first.
        let repositories = library.render(values, withTemplate: "repositories") ?? ""
        values = OperationValues.attach(RepositoryOperation.extract(from: repositories), to: values)
        let factories = FactoriesContext(schema: schema, namespace: namespace, sourceFile: sourceFile).values
        return Self.outputs.map { output in
            let text: String
            switch output.template {
            case "repositories": text = repositories + "\n" + (library.render(values, withTemplate: "protocols") ?? "")
            case "factories": text = library.render(factories, withTemplate: "factories") ?? ""
            default: text = library.render(values, withTemplate: output.template) ?? ""
            }
            return GeneratedFile(name: output.file, contents: Self.tidy(text))
        }
    }

    /// Collapses runs of blank lines left by template sections and ends the file with one newline.
    ///
    /// Works on UTF-8 lines; a line ending in a space loses its trailing whitespace (`Character.isWhitespace`).
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        for bytes in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var line = Substring(bytes)
            if bytes.last == UInt8(ascii: " ") {
                while let last = line.last, last.isWhitespace { line.removeLast() }
            }
            if line.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        var result = ""
        result.reserveCapacity(text.utf8.count + 1)
        for (index, line) in lines.enumerated() {
            if index > 0 { result += "\n" }
            result += line
        }
        result += "\n"
        return result
    }
}
