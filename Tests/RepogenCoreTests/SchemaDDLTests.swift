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
        #expect(sql.create == "INSERT INTO items (id, name, status, price) VALUES (COALESCE($1::uuid, gen_random_uuid()), "
            + "$2::text, COALESCE($3::status, 'on'::status), $4::numeric) RETURNING id, name, status, price")
        #expect(sql.createMany.contains("FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS input(c1, c2, c3, c4)"))
        #expect(sql.createMany.contains("COALESCE(input.c3::status, 'on'::status)"))
        #expect(sql.update.hasPrefix("UPDATE items SET name = CASE WHEN $2::boolean THEN $3::text ELSE name END"))
    }
}
