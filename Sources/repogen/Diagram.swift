import ArgumentParser
import Foundation
import RepogenCore

/// `repogen diagram`: the resolved schema as a Mermaid ER diagram, a Markdown page around it, Graphviz DOT, or SVG
/// drawn by Graphviz's `dot`.
struct Diagram: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the schema's tables, keys and relationships (Mermaid, Markdown, DOT or SVG).",
        discussion: """
            Without --format, the format follows --output's extension (.mmd/.mermaid, .md, .dot/.gv, .svg) and is \
            Mermaid otherwise. SVG runs Graphviz's `dot -Tsvg`, which must be installed.
            """
    )

    /// What `repogen diagram` writes.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case mermaid, markdown, dot, svg
    }

    @Option(help: "The schema file.")
    var schema: String = "schema.yaml"

    @Option(help: "mermaid (an erDiagram), markdown (a page with the diagram), dot (Graphviz) or svg (via dot).")
    var format: Format?

    @Option(help: "The file written (default: standard output).")
    var output: String?

    func validate() throws {
        if let format, format != .svg, let output, Self.isSVGPath(output) {
            throw ValidationError("--output \(output) names an SVG file but --format is \(format.rawValue); "
                                  + "use --format svg or drop --format")
        }
    }

    func run() throws {
        let diagram = SchemaDiagram(try loadSchema(schema))
        let text: String
        switch resolvedFormat {
        case .mermaid: text = diagram.mermaid()
        case .markdown: text = diagram.markdown(schemaFile: schema)
        case .dot: text = diagram.dot()
        case .svg: text = try renderSVG(diagram.dot())
        }
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        try writeIfChanged(text, to: output)
    }

    /// `--format`, else what `--output`'s extension says, else Mermaid.
    var resolvedFormat: Format {
        if let format { return format }
        switch output.map({ ($0 as NSString).pathExtension.lowercased() }) {
        case "svg": return .svg
        case "md", "markdown": return .markdown
        case "dot", "gv": return .dot
        default: return .mermaid
        }
    }

    private static func isSVGPath(_ path: String) -> Bool {
        (path as NSString).pathExtension.lowercased() == "svg"
    }

    /// The SVG `dot` draws; its warnings go to standard error; a missing `dot` fails with a message naming it.
    private func renderSVG(_ dot: String) throws -> String {
        do {
            let rendered = try GraphvizRenderer().svg(fromDOT: dot)
            if !rendered.warnings.isEmpty { printError(rendered.warnings) }
            return rendered.svg
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
    }
}
