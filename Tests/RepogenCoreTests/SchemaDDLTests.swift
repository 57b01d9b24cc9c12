import Testing
@testable import RepogenCore

/// DDL and repository SQL rendered from small schemas: ordering, quoting, defaults, and casts.
@Suite struct SchemaDDLTests {
    func schema(_ yaml: String) throws -> Schema {
        let result = SchemaReader.read(yaml: yaml, file: "schema.yaml")
        return try #require(result.schema, "\(result.diagnostics)")
    }

    @Test func referencedTablesAreCreatedFirstAndCyclesUseAlterTable() throws {
        let value = try schema("""
        version: 1
        entities:
          Alpha:
            fields:
              id: { type: int, primary: true, default: identity }
              beta: { belongs_to: Beta, optional: true, on_delete: set_null }
          Beta:
            fields:
              id: { type: int, primary: true, default: identity }
              alpha: { belongs_to: Alpha, optional: true, on_delete: cascade }
        """)
        let statements = SchemaDDL(schema: value).createStatements()
        #expect(statements[0].hasPrefix("CREATE TABLE alphas ("))
        #expect(statements[1].hasPrefix("CREATE TABLE betas ("))
        #expect(statements[1].contains("REFERENCES alphas (id) ON DELETE CASCADE"))
        #expect(statements[2] == "ALTER TABLE alphas ADD CONSTRAINT alphas_beta_id_fkey FOREIGN KEY (beta_id) "
            + "REFERENCES betas (id) ON DELETE SET NULL;")
    }

    @Test func reservedWordsAreQuotedAndLiteralsEscaped() throws {
        let value = try schema("""
        version: 1
        entities:
          Order:
            table: order
            fields:
              id: { type: uuid, primary: true }
              user: { type: string, default: "it's" }
              group: { type: int, default: -3 }
        """)
        let create = SchemaDDL(schema: value).createStatements()[0]
        #expect(create.contains("CREATE TABLE \"order\" ("))
        #expect(create.contains("\"user\" text NOT NULL DEFAULT 'it''s'"))
        #expect(create.contains("\"group\" integer NOT NULL DEFAULT -3"))
    }

    @Test func repositorySQLCastsEveryBindAndKeepsDefaults() throws {
        let value = try schema("""
        version: 1
        enums:
          Status: [on, off]
        entities:
          Item:
            fields:
              id: { type: uuid, primary: true, default: random }
              name: { type: string, max: 10 }
              status: { type: Status, default: "on" }
              price: { type: decimal, precision: 8, scale: 2 }
        """)
        let sql = RepositorySQL(entity: value.entities[0], schema: value)
        #expect(sql.create == "INSERT INTO items (id, name, status, price) "
            + "VALUES (COALESCE($1::uuid, gen_random_uuid()), $2::text, COALESCE($3::status, 'on'::status), "
            + "$4::numeric) RETURNING id, name, status, price")
        let unnest = "FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS input(c1, c2, c3, c4)"
        #expect(sql.createMany.contains(unnest))
        #expect(sql.createMany.contains("COALESCE(input.c3::status, 'on'::status)"))
        #expect(sql.update.hasPrefix("UPDATE items SET name = CASE WHEN $2::boolean THEN $3::text ELSE name END"))
    }
}

/// Names the generated Swift or SQL would trip over are refused by the validator.
@Suite struct GeneratedNameClashTests {
    func diagnostics(_ yaml: String) -> [String] {
        SchemaReader.read(yaml: yaml, file: "schema.yaml").diagnostics.map(\.description)
    }

    @Test func entityNamedLikeAFoundationTypeIsRefused() {
        #expect(diagnostics("""
        version: 1
        entities:
          Date:
            fields:
              id: { type: uuid, primary: true }
        """) == [
            "schema.yaml:3:3: error: type name 'Date' is already used by Swift or"
                + " the Repogen runtime; choose another"
        ])
    }

    @Test func entityNamedLikeAnotherEntitysGeneratedTypeIsRefused() {
        #expect(diagnostics("""
        version: 1
        entities:
          Quote:
            fields:
              id: { type: uuid, primary: true }
          QuotePatch:
            fields:
              id: { type: uuid, primary: true }
        """) == [
            "schema.yaml:6:3: error: type name 'QuotePatch' clashes with the"
                + " generated type 'QuotePatch' of entity 'Quote'"
        ])
    }

    @Test func indexNamedLikeAUniqueConstraintIsRefused() {
        #expect(diagnostics("""
        version: 1
        entities:
          User:
            fields:
              id: { type: uuid, primary: true }
              email: { type: string, unique: true }
            indexes:
              - { columns: [email], unique: true }
        """) == [
            "schema.yaml:8:9: error: index name 'users_email_key' is already used"
                + " by the unique constraint of field 'email'"
        ])
    }
}
