import Foundation
import Testing
@testable import RepogenCore

/// Names a validated schema never has, built directly: quotes, `%`, backslashes, `#...;`, markup, `direction LR`,
/// spaces, control characters, words starting with a key marker. Each format must keep them apart from its own
/// syntax: Mermaid's lexer rules are checked line by line, DOT is drawn by Graphviz itself.
@Suite struct DiagramEscapingTests {
    static let here = SourceLocation(file: "hostile.yaml", line: 1, column: 1)
    static let weirdTable = "weird \"table\" 100% \\back#slash; <b>&amp;"
    static let directionTable = "layout direction LR: #35;"
    static let controlTable = "bell\u{7}line\nbreak\\"
    static let weirdForeignKey = "ref \"q\" \\"

    static func field(_ column: String, _ type: FieldType, primary: Bool = false, optional: Bool = false,
                      references table: String? = nil) -> Field {
        Field(name: column, column: column, swiftName: "x", type: type, isPrimary: primary, isOptional: optional,
              reference: table.map { ForeignKey(entity: $0 == directionTable ? "Other" : "Weird<Entity>", table: $0,
                                                column: "pk", onDelete: .cascade) },
              location: here)
    }

    static var schema: Schema {
        let weird = Entity(name: "Weird<Entity>", table: weirdTable, fields: [
            field("pk", .uuid, primary: true),
            field("total amount", .decimal(precision: 10, scale: 3), optional: true),
            field("fk-x", .enumeration("Mood")),
            field("9lives", .int),
            field("naïve", .text),
            field(weirdForeignKey, .uuid, references: directionTable),
        ], indexes: [], location: here)
        let other = Entity(name: "Other", table: directionTable, fields: [field("pk", .uuid, primary: true)],
                           indexes: [], location: here)
        let bell = Entity(name: "Bell", table: controlTable, fields: [
            field("id", .bigint, primary: true), field("weird_id", .uuid, references: weirdTable),
        ], indexes: [], location: here)
        let mood = EnumType(name: "Mood", sqlName: "pk: \"mood\"", cases: ["a|b"], location: here)
        return Schema(enums: [mood], entities: [weird, other, bell])
    }

    /// Mermaid's ER lexer: a quoted name, and a bare attribute word that is not a key marker.
    static let quoted = #""[^"%\r\n\u{0B}\u{08}\\]+""#
    static let word = #"(?![Pp][Kk](?![A-Za-z0-9_])|[Ff][Kk](?![A-Za-z0-9_])|[Uu][Kk](?![A-Za-z0-9_]))"#
        + #"[A-Za-z_][A-Za-z0-9_()\[\]\-]*"#

    @Test func everyMermaidLineIsOneMermaidAccepts() throws {
        let text = SchemaDiagram(Self.schema).mermaid()
        let header = try Regex("    \(Self.quoted) \\{")
        let attribute = try Regex("        \(Self.word) \(Self.word)( (PK|FK|UK)(, (PK|FK|UK))*)?( \"[^\"]*\")?")
        let relationship = try Regex(
            "    \(Self.quoted) (\\|\\||\\|o|\\}o)(--|\\.\\.)(\\|\\||o\\||o\\{) \(Self.quoted) : \(Self.quoted)")
        for line in text.split(separator: "\n").map(String.init) {
            let known = line == "erDiagram" || line == "    }" || line.wholeMatch(of: header) != nil
                || line.wholeMatch(of: attribute) != nil || line.wholeMatch(of: relationship) != nil
            #expect(known, "Mermaid's ER grammar has no such line: \(line)")
        }
        #expect(text.firstMatch(of: try Regex("(?i)direction\\s+(TB|BT|RL|LR)")) == nil)
        #expect(text.firstMatch(of: try Regex("#(?![0-9]+;)")) == nil, "a # that Mermaid would not decode")
    }

    @Test func mermaidQuotedNamesDecodeToTheNamesGiven() throws {
        let text = SchemaDiagram(Self.schema).mermaid()
        let headers = text.split(separator: "\n").filter { $0.hasSuffix(" {") }.map { line in
            Self.decodeEntities(String(line.dropFirst(5).dropLast(3)))
        }
        #expect(headers == [Self.weirdTable, Self.directionTable, Self.controlTable])
        #expect(text.contains("\"weird #34;table#34; 100#37; #92;back#35;slash; #60;b#62;#38;amp;\""))
        #expect(text.contains("\"layout direction#32;LR#58; #35;35;\""))
        #expect(text.contains("\"bell#7;line#10;break#92;\""))
        #expect(text.contains(" : \"ref #34;q#34; #92;\"\n"))
    }

    @Test func mermaidWordsKeepTheirExactSpellingInTheComment() {
        let text = SchemaDiagram(Self.schema).mermaid()
        #expect(text.contains("        uuid _pk PK \"named pk\"\n"))
        #expect(text.contains("        numeric total_amount \"numeric(10,3); named total amount; nullable\"\n"))
        #expect(text.contains("        pk___mood_ _fk-x \"pk#58; #34;mood#34;; named fk-x\"\n"))
        #expect(text.contains("        integer _9lives \"named 9lives\"\n"))
        #expect(text.contains("        text na_ve \"named naïve\"\n"))
        #expect(MermaidText.word("pk_id") == "pk_id")
        #expect(MermaidText.word("UK") == "_UK")
        #expect(MermaidText.typeWord("varchar(20)") == "varchar(20)")
    }

    @Test func dotStringsAndLabelsEscapeTheirSpecialCharacters() {
        #expect(DOTText.quoted("a\"b\\c\nd\u{1}") == "\"a\\\"b\\\\c\\nd\u{FFFD}\"")
        #expect(DOTText.html("<b>&amp;\"x\"\u{7F}") == "&lt;b&gt;&amp;amp;&quot;x&quot;\u{FFFD}")
        let dot = SchemaDiagram(Self.schema).dot()
        #expect(dot.contains("\n    \"weird \\\"table\\\" 100% \\\\back#slash; <b>&amp;\" [label=<\n"))
        #expect(dot.contains("<b>weird &quot;table&quot; 100% \\back#slash; &lt;b&gt;&amp;amp;</b> "
            + "<font point-size=\"9\">Weird&lt;Entity&gt;</font>"))
        #expect(dot.contains("label=\"ref \\\"q\\\" \\\\\"];"))
    }

    @Test func graphvizDrawsTheHostileDiagramWithEveryNameIntact() throws {
        let renderer = GraphvizRenderer()
        #expect((try? renderer.executable()) != nil, "Graphviz's dot is needed: `make deps` installs graphviz")
        let rendered = try renderer.svg(fromDOT: SchemaDiagram(Self.schema).dot())
        // Graphviz warns, and still exits 0, when an edge names a port no cell has.
        #expect(!rendered.warnings.contains("port"), "\(rendered.warnings)")
        let svg = rendered.svg
        #expect(svg.contains("<svg"))
        #expect(!svg.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
        for text in [
            ">weird &quot;table&quot; 100% \\back#slash; &lt;b&gt;&amp;amp;</text>",
            ">layout direction LR: #35;</text>", ">Weird&lt;Entity&gt;</text>", ">ref &quot;q&quot; \\</text>",
            ">pk: &quot;mood&quot;</text>", ">total amount</text>", ">naïve</text>",
        ] {
            #expect(svg.contains(text), "the SVG lacks \(text)")
        }
        #expect(svg.components(separatedBy: "class=\"edge\"").count - 1 == 2)
    }

    @Test func quoteMasterDrawsWithoutWarningsAboutPorts() throws {
        let rendered = try GraphvizRenderer().svg(fromDOT: try DiagramTests.quoteMaster().dot())
        #expect(!rendered.warnings.contains("port"), "\(rendered.warnings)")
        #expect(rendered.svg.components(separatedBy: "class=\"edge\"").count - 1 == 7)
        #expect(rendered.svg.contains(">owner_id</text>"))
    }

    @Test func aMissingDotIsATypedErrorNamingTheTool() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-graphviz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let renderer = GraphvizRenderer(searchPath: empty.path)
        #expect(throws: GraphvizError.toolNotFound(tool: "dot", searched: [empty.path])) {
            try renderer.svg(fromDOT: "digraph { a }")
        }
        let message = GraphvizError.toolNotFound(tool: "dot", searched: [empty.path]).description
        #expect(message.contains("'dot' is not installed"))
        #expect(message.contains("apt-get install graphviz"))
    }

    @Test func dotRejectingItsInputIsATypedErrorWithItsMessage() throws {
        do {
            _ = try GraphvizRenderer().svg(fromDOT: "digraph { a -> }")
            Issue.record("dot accepted a syntax error")
        } catch {
            guard case .toolFailed(let tool, let status, let message) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(tool == "dot" && status != 0)
            #expect(message.contains("syntax error"), "\(message)")
        }
    }

    /// Mermaid's own decoding of `#NNN;`, which it applies to the drawing.
    static func decodeEntities(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let match = rest.firstMatch(of: /#([0-9]+);/) {
            result += rest[..<match.range.lowerBound]
            result.unicodeScalars.append(Unicode.Scalar(UInt32(match.output.1)!)!)
            rest = rest[match.range.upperBound...]
        }
        return result + rest
    }
}
