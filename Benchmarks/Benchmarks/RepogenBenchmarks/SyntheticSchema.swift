/// A schema of many entities for the code generation workload: each has eight fields of mixed types, an enum,
/// a relation to the entity before it, an index and a finder, so every template path is exercised.
enum SyntheticSchema {
    /// The YAML text of a schema with `entities` entities.
    static func yaml(entities: Int) -> String {
        var text = "version: 1\nenums:\n  Stage: [draft, live, retired]\nentities:\n"
        for index in 0..<entities {
            text += entity(index)
        }
        return text
    }

    private static func entity(_ index: Int) -> String {
        var text = """
              Thing\(index):
                table: things_\(index)
                timestamps: true
                fields:
                  id:     { type: uuid, primary: true, default: random }
                  name:   { type: string, max: 120 }
                  stage:  { type: Stage, default: draft }
                  amount: { type: decimal, precision: 12, scale: 2, default: "0" }
                  count:  { type: int, default: 0 }
                  notes:  { type: text, optional: true }
                  data:   { type: json, default: "{}" }
                  due:    { type: date, optional: true }

            """
        if index > 0 {
            text += "      parent: { belongs_to: Thing\(index - 1), optional: true, on_delete: set_null }\n"
        }
        text += "    indexes:\n      - { columns: [stage, created_at desc] }\n"
        text += "    finders:\n      - { name: byStage, by: [stage], order: [created_at desc] }\n"
        return text
    }
}

extension SyntheticSchema {
    /// A schema of `entities` entities whose every `belongs_to` names an undeclared entity (a typo of its own
    /// name), for the validation workload: each one is reported. Small enough per entity that 60,000 stay within
    /// the reader's node limit.
    static func unresolvedYAML(entities: Int) -> String {
        var text = "version: 1\nentities:\n"
        text.reserveCapacity(entities * 120)
        for index in 0..<entities {
            text += "  Thing\(index):\n    fields:\n      id: { type: uuid, primary: true }\n"
            text += "      owner: { belongs_to: Thnig\(index) }\n"
        }
        return text
    }
}

