import Testing
@testable import RepogenCore

/// Input bounds, encoding, indentation, suggestions and the `where:` checker, tested on their own.
@Suite struct ReaderSafetyTests {
    @Test func oversizedInputIsRefusedBeforeParsing() {
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: YAMLInput.maximumByteCount + 1)
        let result = SchemaReader.read(bytes: bytes, file: "schema.yaml")
        #expect(result.diagnostics.map(\.description) == [
            "schema.yaml:1:1: error: schema file is too large (10485761 bytes; at most 10485760)",
        ])
    }

    @Test func invalidUTF8IsLocatedAtItsFirstByte() {
        let bytes = Array("version: 1\nenums:\n  A: [ok, ".utf8) + [0xC3, 0x28] + Array("]\n".utf8)
        let result = SchemaReader.read(bytes: bytes, file: "schema.yaml")
        #expect(result.diagnostics.map(\.description) == [
            "schema.yaml:3:11: error: schema file is not valid UTF-8 (byte 0xC3)",
        ])
    }

    @Test func tabsInsideALineAreFineButNotAsIndentation() {
        let inline = "version: 1\nentities:\n  User:\n    fields:\n      id: {\ttype: uuid, primary: true }\n"
        #expect(SchemaReader.read(yaml: inline, file: "schema.yaml").diagnostics.isEmpty)
        let indented = "version: 1\nentities:\n  User:\n    fields:\n  \t  id: { type: uuid, primary: true }\n"
        #expect(SchemaReader.read(yaml: indented, file: "schema.yaml").diagnostics.map(\.description) == [
            "schema.yaml:5:3: error: tab characters are not allowed for indentation; indent with spaces",
        ])
    }

    @Test func whitespaceOnlyFileIsEmpty() {
        #expect(SchemaReader.read(yaml: "  \n\n# nothing\n", file: "schema.yaml").diagnostics.map(\.description) == [
            "schema.yaml:1:1: error: schema file is empty",
        ])
    }

    @Test func theNodeLimitCountsEachNodeOnceWhateverItsDepth() {
        let items = (0..<300_000).map { "x\($0)" }.joined(separator: ", ")
        let document = YAMLParser.parse("a: { b: { c: { d: [\(items)] } } }", file: "t.yaml")
        #expect(document.diagnostics.isEmpty)
        #expect(document.root != nil)
    }

    @Test func suggestionsNeedACloseName() {
        #expect(Suggestion.closest(to: "tpye", in: ["type", "max"]) == "type")
        #expect(Suggestion.closest(to: "entites", in: ["version", "entities"]) == "entities")
        #expect(Suggestion.closest(to: "user", in: ["User"]) == "User")
        #expect(Suggestion.closest(to: "xyz", in: ["type"]) == nil)
        #expect(Suggestion.closest(to: "id", in: ["ix"]) == "ix")
        #expect(Suggestion.closest(to: "ab", in: ["xy"]) == nil)
        #expect(Suggestion.editDistance(Array("kitten".utf8), Array("sitting".utf8)) == 3)
    }
}
