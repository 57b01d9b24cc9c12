import Testing
@testable import RepogenCore

/// A large schema full of unresolved names is validated, and every name reported; suggestions come from an index
/// rather than a scan of every name.
@Suite struct LargeSchemaDiagnosticsTests {
    @Test func everyUnresolvedNameOfALargeSchemaIsReported() {
        let count = 3_000
        var yaml = "version: 1\nentities:\n"
        for index in 0..<count {
            yaml += "  Thing\(index):\n    fields:\n      id: { type: uuid, primary: true }\n"
            yaml += "      owner: { belongs_to: Thnig\(index) }\n      kind: { type: Missing\(index) }\n"
        }
        let result = SchemaReader.read(yaml: yaml, file: "schema.yaml")
        #expect(result.schema == nil)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 2 * count)
        // Past the first 200 diagnostics no suggestion is computed, so the output stays linear in the input.
        #expect(errors.first?.description == "schema.yaml:6:28: error: 'belongs_to' refers to unknown entity 'Thnig0'")
        #expect(errors.last?.message.hasPrefix("unknown type 'Missing\(count - 1)'") == true)
    }

    @Test func indexFindsWhatTheScanFindsForOneEditTypos() {
        let names = (0..<2_000).map { "Entity\($0)Record" }
        let index = SuggestionIndex(names)
        let typos = ["Entiyt17Record", "Entity17Recrd", "Entity17Recordd", "entity17record", "Entity17Rexord",
                     "Enttity1999Record", "Nothing"]
        for typo in typos {
            #expect(index.closest(to: typo) == Suggestion.closest(to: typo, in: names), "\(typo)")
        }
        #expect(index.closest(to: "Entiyt17Record") == "Entity17Record")
        #expect(index.closest(to: "Entity17Reccordd") == "Entity17Record")
        #expect(index.closest(to: "Nothing") == nil)
    }

    @Test func indexFindsCaseOnlyDifferencesOfASCIIAndNonASCIINames() {
        let names = (0..<400).map { "Item\($0)" } + ["Übersicht", "QUOTE", "Quota"]
        let index = SuggestionIndex(names)
        #expect(index.closest(to: "übersicht") == "Übersicht")
        #expect(index.closest(to: "Quote") == "QUOTE")
        #expect(index.closest(to: "quota") == "Quota")
        #expect(index.closest(to: "Iten17") == "Item17")
        #expect(index.closest(to: "Zzzzzz") == nil)
    }

    @Test func smallListsAreScannedExactly() {
        let index = SuggestionIndex(["string", "text", "uuid"])
        #expect(index.closest(to: "strng") == "string")
        #expect(index.closest(to: "uid") == "uuid")
        #expect(index.closest(to: "blob") == nil)
    }
}
