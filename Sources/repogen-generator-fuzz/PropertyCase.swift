import RepogenCore

/// One schema to check: generated from a seed, or replayed from a committed fixture.
struct PropertyCase: Sendable {
    /// How reports name it: `seed 42` or `fixture 42`.
    var label: String
    /// The fixture stem it is recorded under (`42`).
    var stem: String
    /// The schema text, exactly as checked and as recorded.
    var yaml: String
    /// The second schema whose diff is migrated; for a seed it is derived once the first is accepted.
    var nextYAML: String?
    /// The generator's model, so a seed's second schema can be derived from it.
    var model: SchemaModel?
    /// The seed of a generated case.
    var seed: UInt64?

    /// The case of `seed`: its schema, generated and written as YAML with a header naming the seed.
    static func generated(seed: UInt64) -> PropertyCase {
        var generator = SchemaGenerator(seed: seed)
        let model = generator.schema()
        let yaml = YAMLWriter.text(of: model, comment: ["repogen-generator-fuzz seed \(seed)"])
        return PropertyCase(label: "seed \(seed)", stem: "\(seed)", yaml: yaml, model: model, seed: seed)
    }

    /// The second schema of a generated case: the first after a few random edits (nil for a fixture).
    func derivedNext(from schema: Schema) -> String? {
        guard let model, let seed else { return nextYAML }
        var mutator = SchemaMutator(seed: seed)
        let next = mutator.mutate(model, schema: schema)
        return YAMLWriter.text(of: next, comment: ["repogen-generator-fuzz seed \(seed), second schema"])
    }
}

/// A broken property: what kind (the category names the part of repogen at fault) and the evidence.
struct Finding: Sendable, CustomStringConvertible {
    /// `unlocated-diagnostic`, `nondeterministic-output`, `swift-typecheck`, `schema-sql`, `schema-sql-scs-off`,
    /// `canary`, `migration-initial`, `migration-diff`, `crash`, `harness`.
    var category: String
    /// The compiler output, SQL error or catalog difference.
    var detail: String
    /// Whether the second schema is needed to reproduce it.
    var involvesNext = false

    var description: String { "[\(category)] \(detail)" }
}

/// What checking one case found.
struct CaseOutcome: Sendable {
    var accepted = false
    /// The first error of a rejected schema.
    var firstError: String?
    var typeChecked = false
    var migrationSteps: Int?
    var findings: [Finding] = []
    /// The second schema actually used (recorded with a failing fixture).
    var nextYAML: String?
}
