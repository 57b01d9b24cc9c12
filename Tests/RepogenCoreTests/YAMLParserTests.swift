import Testing
@testable import RepogenCore

/// The libyaml-backed parser: tree shape, 1-based locations, styles, aliases and structural errors.
@Suite struct YAMLParserTests {
    static func parse(_ text: String) -> YAMLDocument {
        YAMLParser.parse(text, file: "t.yaml")
    }

    static func messages(_ text: String) -> [String] {
        parse(text).diagnostics.map(\.description)
    }

    @Test func locationsAreOneBasedAndSourceOrderIsKept() throws {
        let root = try #require(Self.parse("b: 1\na:\n  - x\n  - 'y'\n").root)
        let pairs = try #require(root.mappingPairs)
        #expect(pairs.map { $0.key.scalarText } == ["b", "a"])
        #expect(root.location.line == 1 && root.location.column == 1)
        #expect(pairs[1].key.location.line == 2 && pairs[1].key.location.column == 1)
        let items = try #require(pairs[1].value.sequenceItems)
        #expect(items.map(\.location.line) == [3, 4])
        #expect(items.map(\.location.column) == [5, 5])
    }

    @Test func scalarStylesAreKept() throws {
        let root = try #require(Self.parse("[plain, 'single', \"double\"]").root)
        let styles = try #require(root.sequenceItems).compactMap { node -> YAMLScalarStyle? in
            if case .scalar(_, let style, _) = node { return style }
            return nil
        }
        #expect(styles == [.plain, .singleQuoted, .doubleQuoted])
        #expect(styles.map(\.isPlain) == [true, false, false])
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let root = try #require(Self.parse("é: [ü, x]").root)
        let value = try #require(root.mappingPairs?.first?.value.sequenceItems)
        #expect(value.map(\.location.column) == [5, 8])
    }

    @Test func aliasesResolveToTheAnchoredNode() throws {
        let root = try #require(Self.parse("a: &n { k: v }\nb: *n\n").root)
        let pairs = try #require(root.mappingPairs)
        #expect(pairs[1].value.mappingPairs?.first?.value.scalarText == "v")
    }

    @Test func undefinedAliasIsAnError() {
        #expect(Self.messages("a: *missing") == [
            "t.yaml:1:4: error: YAML alias '*missing' refers to an undefined anchor",
        ])
    }

    @Test func duplicateKeysAreReportedAtTheSecondKey() {
        #expect(Self.messages("a: 1\nb: 2\na: 3\n") == ["t.yaml:3:1: error: duplicate key 'a'"])
        let lenient = YAMLParser.parse("a: 1\na: 2\n", file: "t.yaml", rejectsDuplicateKeys: false)
        #expect(lenient.diagnostics.isEmpty)
        #expect(lenient.root?.mappingPairs?.count == 2)
    }

    @Test func multipleDocumentsAreAnError() {
        #expect(Self.messages("a: 1\n---\nb: 2\n") == [
            "t.yaml:2:1: error: a schema file must hold a single YAML document",
        ])
    }

    @Test func emptyStreamIsAnError() {
        #expect(Self.messages("# only a comment\n") == ["t.yaml:1:1: error: schema file is empty"])
        #expect(Self.messages("") == ["t.yaml:1:1: error: schema file is empty"])
    }

    @Test func syntaxErrorUsesTheProblemMark() {
        #expect(Self.messages("a: b: c") == [
            "t.yaml:1:5: error: YAML syntax: mapping values are not allowed in this context",
        ])
        #expect(Self.parse("a: b: c").root == nil)
    }

    @Test func deepNestingIsReportedNotCrashed() {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let document = Self.parse(text)
        #expect(document.root == nil)
        #expect(document.diagnostics.map(\.description) == [
            "t.yaml:1:65: error: YAML nesting is too deep (more than 64 levels)",
        ])
        let result = SchemaReader.read(yaml: "version: 1\nentities: " + text, file: "schema.yaml")
        #expect(result.diagnostics.count == 1)
    }

    @Test func aliasBombsAreStoppedByTheNodeLimit() {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            let items = Array(repeating: previous, count: 10).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(items)]")
        }
        let document = Self.parse(lines.joined(separator: "\n"))
        #expect(document.root == nil)
        #expect(document.diagnostics.first?.message.hasPrefix("YAML document is too large") == true)
    }
}
