import Testing
@testable import RepogenCore

/// Every invalid fixture produces exactly the expected diagnostics, with line and column, and no schema.
@Suite struct InvalidSchemaTests {
    static let fixtureNames = (try? Fixtures.names(in: "invalid")) ?? []

    @Test func everyInvalidFixtureHasExpectations() {
        #expect(Self.fixtureNames.count >= 20)
        #expect(Set(Self.fixtureNames) == Set(InvalidFixtureExpectations.all.keys))
    }

    @Test(arguments: fixtureNames)
    func diagnosticsMatchExactly(fixture: String) throws {
        let result = try Fixtures.read("invalid/" + fixture)
        let expected = try #require(InvalidFixtureExpectations.all[fixture])
        #expect(result.diagnostics.map(\.description) == expected)
        #expect(result.schema == nil)
        #expect(result.hasErrors)
    }

    @Test func multipleErrorsAreReportedTogetherInSourceOrder() throws {
        let result = try Fixtures.read("invalid/multiple_errors.yaml")
        #expect(result.diagnostics.count == 6)
        let positions = result.diagnostics.map { [$0.location.line, $0.location.column] }
        #expect(positions == positions.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test func syntaxErrorPointsAtLibyamlProblemMark() {
        let result = SchemaReader.read(yaml: "version: 1\nentities:\n  User: fields: {}\n", file: "schema.yaml")
        #expect(result.diagnostics.map(\.description) == [
            "schema.yaml:3:15: error: YAML syntax: mapping values are not allowed in this context",
        ])
    }

    @Test func controlCharacterIsAReaderErrorWithALocation() {
        let result = SchemaReader.read(yaml: "version: 1\nenums: é\u{1}\n", file: "schema.yaml")
        #expect(result.diagnostics.map(\.description) == [
            "schema.yaml:2:9: error: YAML syntax: control characters are not allowed",
        ])
    }

    @Test func emptyTextIsAnError() {
        let result = SchemaReader.read(yaml: "", file: "schema.yaml")
        #expect(result.diagnostics.map(\.description) == ["schema.yaml:1:1: error: schema file is empty"])
    }
}
