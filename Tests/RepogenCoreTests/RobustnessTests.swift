import Testing
@testable import RepogenCore

/// A small deterministic generator (SplitMix64), so every run mutates the schema the same way.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Random and truncated mutations of a valid schema never crash the reader and always yield sane locations.
@Suite struct RobustnessTests {
    /// Characters that matter to YAML and to the schema language, plus a few awkward ones.
    static let palette: [Character] = Array(":{}[],-&*!|>'\"#? \n\t%@`\\~0123456789aZ_é\u{1}") + [
        "true", "9999999999999999999999", "null", "&x", "*x", "belongs_to", "type", "desc",
    ].flatMap { Array($0) }

    /// One random edit of the text.
    static func mutate(_ text: [Character], using generator: inout SeededGenerator) -> [Character] {
        var characters = text
        guard !characters.isEmpty else { return [palette.randomElement(using: &generator) ?? "a"] }
        let position = Int.random(in: 0..<characters.count, using: &generator)
        switch Int.random(in: 0..<5, using: &generator) {
        case 0:
            characters.removeSubrange(position...)
        case 1:
            let end = min(characters.count, position + Int.random(in: 1...12, using: &generator))
            characters.removeSubrange(position..<end)
        case 2:
            characters.insert(palette.randomElement(using: &generator) ?? " ", at: position)
        case 3:
            characters[position] = palette.randomElement(using: &generator) ?? " "
        default:
            let end = min(characters.count, position + Int.random(in: 1...40, using: &generator))
            characters.insert(contentsOf: characters[position..<end], at: position)
        }
        return characters
    }

    @Test func mutatedSchemasNeverCrashAndReportSaneLocations() throws {
        let original = Array(try Fixtures.text("valid/full.yaml"))
        var generator = SeededGenerator(seed: 0x5EED_2026)
        var failures = 0
        for _ in 0..<400 {
            var text = original
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                text = Self.mutate(text, using: &generator)
            }
            let result = SchemaReader.read(yaml: String(text), file: "schema.yaml")
            for diagnostic in result.diagnostics {
                #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "\(diagnostic)")
            }
            #expect((result.schema == nil) == result.hasErrors)
            if result.hasErrors { failures += 1 }
        }
        #expect(failures > 100)
    }

    @Test func everyPrefixOfAValidSchemaIsHandled() throws {
        let original = Array(try Fixtures.text("valid/full.yaml"))
        for length in stride(from: 0, through: original.count, by: 3) {
            let result = SchemaReader.read(yaml: String(original.prefix(length)), file: "schema.yaml")
            #expect(result.diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
            #expect((result.schema == nil) == result.hasErrors)
        }
    }

    @Test func hugeNumbersAndLongNamesDoNotTrap() {
        let name = String(repeating: "a", count: 1_000)  // libyaml allows simple keys up to 1024 characters
        let yaml = """
            version: 99999999999999999999999999
            entities:
              \(name.capitalized):
                fields:
                  id: { type: decimal, precision: 1000, scale: 1000, primary: true, default: "0.\(name.count)" }
                  \(name): { type: string, max: -99999999999999999999, default: "\(name)" }
                  big: { type: bigint, default: -9223372036854775809 }
                  n: { type: double, default: 1e999999999999 }
                  j: { type: json, default: "\(String(repeating: "[", count: 10_000))" }
            """
        let result = SchemaReader.read(yaml: yaml, file: "schema.yaml")
        #expect(result.schema == nil)
        #expect(result.diagnostics.count >= 5, "\(result.diagnostics)")
    }
}
