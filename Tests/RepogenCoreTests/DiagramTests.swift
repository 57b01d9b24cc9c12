import Foundation
import Testing
@testable import RepogenCore

/// `repogen diagram` on Quote Master's schema and on a small fixture that has every cardinality: tables, types,
/// keys and relationship lines in Mermaid, DOT and the Markdown page.
@Suite struct DiagramTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Quote Master's `schema.yaml`, resolved.
    static func quoteMaster() throws -> SchemaDiagram {
        let result = SchemaReader.read(contentsOf: packageRoot.appendingPathComponent("schema.yaml").path)
        return SchemaDiagram(try #require(result.schema, "\(result.diagnostics)"))
    }

    /// A self-reference, an optional and a unique foreign key, a unique index, `has_one`, a many-to-many relation
    /// declared from both sides, an enum named by a reserved word, and types Mermaid cannot spell as a word.
    static let smallSchema = """
        version: 1
        enums:
          Order: [open, closed]
        entities:
          Person:
            table: people
            fields:
              id:      { type: bigint, primary: true, default: identity }
              manager: { belongs_to: Person, optional: true, on_delete: set_null }
              state:   { type: Order, default: open }
              rating:  { type: double, optional: true }
            has_one:
              passport: { entity: Passport, by: holder }
            has_many:
              clubs: { entity: Club, through: Membership }
            indexes:
              - { columns: [manager_id] }
          Passport:
            table: passports
            fields:
              id:     { type: uuid, primary: true }
              holder: { belongs_to: Person, on_delete: cascade }
              number: { type: string, max: 20 }
            indexes:
              - { columns: [number], unique: true }
              - { columns: [holder_id] }
          Badge:
            table: badges
            fields:
              id:    { type: uuid, primary: true }
              owner: { belongs_to: Person, unique: true, on_delete: cascade }
          Club:
            table: clubs
            doc: A club | with a pipe and <markup>.
            fields:
              id:  { type: uuid, primary: true }
              fee: { type: decimal, precision: 8, scale: 2 }
            has_many:
              members: { entity: Person, through: Membership }
          Membership:
            table: memberships
            fields:
              id:     { type: uuid, primary: true }
              person: { belongs_to: Person, on_delete: cascade }
              club:   { belongs_to: Club, on_delete: cascade }
            indexes:
              - { columns: [person_id, club_id], unique: true }
              - { columns: [club_id] }
        """

    static func small() throws -> SchemaDiagram {
        let result = SchemaReader.read(yaml: smallSchema, file: "schema.yaml")
        return SchemaDiagram(try #require(result.schema, "\(result.diagnostics)"))
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }

    @Test func quoteMasterMermaidHasEveryTableKeyAndRelationship() throws {
        let text = try Self.quoteMaster().mermaid()
        let lines = Self.lines(text)
        #expect(lines.first == "erDiagram")
        #expect(lines.filter { $0.hasSuffix(" {") } == [
            "    \"users\" {", "    \"quotes\" {", "    \"labels\" {", "    \"quote_labels\" {",
            "    \"analytics_events\" {", "    \"audit_entries\" {",
        ])
        for attribute in [
            "uuid id PK", "varchar(320) email UK", "user_role role", "uuid owner_id FK",
            "numeric total_amount \"numeric(12,2)\"", "date valid_until \"nullable\"", "bigint version",
            "timestamptz deleted_at \"nullable\"", "uuid quote_id FK \"nullable\"", "varchar(64) name UK",
        ] {
            #expect(lines.contains("        " + attribute), "missing attribute line: \(attribute)")
        }
        #expect(lines.filter { $0.contains("--") || $0.contains("..") } == [
            "    \"users\" ||--o{ \"quotes\" : \"owner_id\"",
            "    \"quotes\" ||--o{ \"quote_labels\" : \"quote_id\"",
            "    \"labels\" ||--o{ \"quote_labels\" : \"label_id\"",
            "    \"users\" ||--o{ \"analytics_events\" : \"user_id\"",
            "    \"quotes\" |o--o{ \"analytics_events\" : \"quote_id\"",
            "    \"users\" |o--o{ \"audit_entries\" : \"actor_id\"",
            "    \"quotes\" }o..o{ \"labels\" : \"labels via quote_labels\"",
        ])
    }

    @Test func cardinalityFollowsOptionalityUniquenessAndHasOne() throws {
        let lines = Self.lines(try Self.small().mermaid())
        #expect(lines.filter { $0.contains("--") || $0.contains("..") } == [
            "    \"people\" |o--o{ \"people\" : \"manager_id\"",
            "    \"people\" ||--o| \"passports\" : \"holder_id\"",
            "    \"people\" ||--o| \"badges\" : \"owner_id\"",
            "    \"people\" ||--o{ \"memberships\" : \"person_id\"",
            "    \"clubs\" ||--o{ \"memberships\" : \"club_id\"",
            "    \"people\" }o..o{ \"clubs\" : \"clubs / members via memberships\"",
        ])
        for attribute in [
            "bigint id PK", "bigint manager_id FK \"nullable\"", "order state",
            "double_precision rating \"double precision; nullable\"", "varchar(20) number UK",
            "bigint owner_id FK, UK", "numeric fee \"numeric(8,2)\"", "bigint person_id FK",
        ] {
            #expect(lines.contains("        " + attribute), "missing attribute line: \(attribute)")
        }
    }

    @Test func dotHasOneNodePerTableAndCrowsFootEdgesBetweenColumnPorts() throws {
        let dot = try Self.quoteMaster().dot()
        #expect(dot.hasPrefix("digraph schema {\n"))
        #expect(dot.hasSuffix("}\n"))
        for table in ["users", "quotes", "labels", "quote_labels", "analytics_events", "audit_entries"] {
            #expect(dot.contains("\n    \"\(table)\" [label=<\n"), "no node for \(table)")
        }
        #expect(dot.contains("<b>users</b> <font point-size=\"9\">User</font>"))
        #expect(dot.contains("<tr><td port=\"c6\" align=\"left\">ai_provider</td><td align=\"left\">ai_provider</td>"
            + "<td></td><td port=\"c6e\">nullable</td></tr>"))
        #expect(dot.contains("<td align=\"left\">numeric(12,2)</td>"))
        let edges = Self.lines(dot).filter { $0.contains(" -> ") }
        #expect(edges.count == 7)
        #expect(edges.contains("    \"users\":\"c0e\":e -> \"quotes\":\"c1\":w "
            + "[arrowtail=teetee, arrowhead=crowodot, label=\"owner_id\"];"))
        #expect(edges.contains("    \"users\":\"c0e\":e -> \"audit_entries\":\"c1\":w "
            + "[arrowtail=teeodot, arrowhead=crowodot, label=\"actor_id\"];"))
        #expect(edges.last == "    \"quotes\" -> \"labels\" [arrowtail=crowodot, arrowhead=crowodot, style=dashed, "
            + "label=\"labels via quote_labels\"];")
    }

    @Test func dotMarksAtMostOneChildWithATeeAndCircle() throws {
        let edges = Self.lines(try Self.small().dot()).filter { $0.contains(" -> ") }
        #expect(edges.contains("    \"people\":\"c0e\":e -> \"badges\":\"c1\":w "
            + "[arrowtail=teetee, arrowhead=teeodot, label=\"owner_id\"];"))
        #expect(edges.contains("    \"people\":\"c0e\":e -> \"people\":\"c1\":w "
            + "[arrowtail=teeodot, arrowhead=crowodot, label=\"manager_id\"];"))
    }

    @Test func markdownPageHoldsTheMermaidDiagramEntitiesAndEnums() throws {
        let diagram = try Self.small()
        let page = diagram.markdown(schemaFile: "Sources/Shop/schema.yaml")
        let fenced = "```mermaid\n" + diagram.mermaid() + "```\n"
        #expect(page.hasPrefix("# Schema diagram\n"))
        #expect(page.contains(fenced))
        #expect(page.contains("`Sources/Shop/schema.yaml`"))
        #expect(page.contains("| `Person` | `people` |  |\n"))
        #expect(page.contains("| `Club` | `clubs` | A club \\| with a pipe and \\<markup\\>. |\n"))
        #expect(page.hasSuffix("| `order` | `open`, `closed` |\n"))
    }

    @Test func markdownCodeSpansOutgrowTheBackticksTheyHold() {
        #expect(MarkdownText.code("plain") == "`plain`")
        #expect(MarkdownText.code("a`b") == "``a`b``")
        #expect(MarkdownText.code("`edge") == "`` `edge ``")
        #expect(MarkdownText.code("a|b") == "`a\\|b`")
    }
}
