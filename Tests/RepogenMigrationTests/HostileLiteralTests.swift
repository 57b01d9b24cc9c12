import RepogenCore
import RepogenRuntime
import RepogenTesting
import Testing

/// Generated DDL means what the schema says whatever `standard_conforming_strings` is: hostile string defaults and
/// predicates neither break out of their literal (a canary table survives) nor change value.
@Suite("Hostile literals on PostgreSQL")
struct HostileLiteralTests {
    /// A default and predicates that each end a naive literal early and hide a `DROP TABLE` behind it.
    static let motto = #"it's \' \\ ); DROP TABLE canary; --"#
    static let yaml = #"""
        version: 1
        entities:
          Doc:
            table: docs
            fields:
              id:    { type: uuid, primary: true, default: random }
              motto: { type: text, default: 'it''s \'' \\ ); DROP TABLE canary; --' }
              order: { type: text, default: 'a\' }
            indexes:
              - { columns: [motto], where: "motto <> E'\\'; DROP TABLE canary; --' AND \"order\" <> 'a\\'" }

        """#

    static let predicateQuery: RawSQL = """
        SELECT pg_get_expr(indpred, indrelid) FROM pg_index
        WHERE indpred IS NOT NULL AND indrelid = 'docs'::regclass
        """

    @Test("DDL applies with the same meaning under standard_conforming_strings off and on", arguments: ["off", "on"])
    func sameMeaningUnderEitherSetting(_ setting: String) async throws {
        let schema = try Schemas.read(Self.yaml)
        let ddl = SchemaDDL(schema: schema).createStatements().joined(separator: "\n")
        try await withTestDatabase { db in
            try await db.runScript("CREATE TABLE canary (id int)")
            try await db.transaction { tx in
                try await tx.runScript("SET LOCAL standard_conforming_strings = \(setting)")
                try await tx.runScript(ddl)
            }
            let rows = try await db.query(
                "INSERT INTO docs DEFAULT VALUES RETURNING motto, \"order\", to_regclass('canary') IS NOT NULL"
            ).decodeRows { row in
                (try row.decode(String.self, at: 0), try row.decode(String.self, at: 1),
                 try row.decode(Bool.self, at: 2))
            }
            #expect(rows.first?.0 == Self.motto)
            #expect(rows.first?.1 == #"a\"#)
            #expect(rows.first?.2 == true)
            let predicate = try await db.query(Self.predicateQuery)
                .decodeRows { try $0.decode(String.self, at: 0) }
            #expect(predicate.count == 1)
            #expect(predicate.first?.contains("'''; DROP TABLE canary; --'") == true)
            #expect(predicate.first?.contains(#"'a\'"#) == true)
        }
    }
}
