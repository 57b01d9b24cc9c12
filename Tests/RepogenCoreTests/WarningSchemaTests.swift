import Testing
@testable import RepogenCore

/// Warnings are located and exact, and never stop the schema from being produced.
@Suite struct WarningSchemaTests {
    static let fixtureNames = (try? Fixtures.names(in: "warnings")) ?? []

    @Test func everyWarningFixtureHasExpectations() {
        #expect(Self.fixtureNames.count >= 3)
        #expect(Set(Self.fixtureNames) == Set(WarningFixtureExpectations.diagnostics.keys))
    }

    @Test(arguments: fixtureNames)
    func warningsMatchExactlyAndTheSchemaIsProduced(fixture: String) throws {
        let result = try Fixtures.read("warnings/" + fixture)
        let expected = try #require(WarningFixtureExpectations.diagnostics[fixture])
        #expect(result.diagnostics.map(\.description) == expected)
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(!result.hasErrors)
        #expect(result.schema != nil)
    }

    @Test func warningsAndErrorsAreReportedTogetherInFileOrder() {
        let yaml = """
            version: 1
            entities:
              Invoice:
                fields:
                  id:    { type: uuid, primary: true }
                  total: { type: double }
                  kind:  { type: strng }
            """
        let result = SchemaReader.read(yaml: yaml, file: "schema.yaml")
        #expect(result.schema == nil)
        #expect(result.diagnostics.map(\.description) == [
            "schema.yaml:6:22: warning: field 'total' looks like money but is a double, which rounds; use "
                + "{ type: decimal, precision: 12, scale: 2 }",
            "schema.yaml:7:22: error: unknown type 'strng' (did you mean 'string'?)",
        ])
    }
}
