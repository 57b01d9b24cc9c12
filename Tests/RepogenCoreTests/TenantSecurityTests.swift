@testable import RepogenCore
import Testing

/// Row-level security in the DDL and the migration diff, and schema identifiers that carry SQL.
@Suite struct TenantSecurityTests {
    static func schema(tenant: Bool) throws -> Schema {
        let yaml = """
            version: 1
            entities:
              Account:
                fields:
                  id: { type: uuid, primary: true, default: random }
              Note:
            \(tenant ? "    tenant: account\n" : "")    fields:
                  id:      { type: uuid, primary: true, default: random }
                  account: { belongs_to: Account }
                  body:    { type: text }
                indexes:
                  - { columns: [account] }
            """
        let result = SchemaReader.read(yaml: yaml, file: "schema.yaml")
        return try #require(result.schema, "\(result.diagnostics)")
    }

    @Test func aTenantTableGetsForcedRowLevelSecurity() throws {
        let ddl = SchemaDDL(schema: try Self.schema(tenant: true)).createStatements()
        #expect(ddl.contains("ALTER TABLE notes ENABLE ROW LEVEL SECURITY;"))
        #expect(ddl.contains("ALTER TABLE notes FORCE ROW LEVEL SECURITY;"))
        let policy = try #require(ddl.first { $0.hasPrefix("CREATE POLICY repogen_tenant_isolation ON notes") })
        #expect(policy.contains("USING (account_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)"))
        #expect(policy.contains("WITH CHECK (account_id = "))
        #expect(!ddl.contains { $0.contains("accounts ENABLE") })
        let plain = SchemaDDL(schema: try Self.schema(tenant: false)).createStatements()
        #expect(!plain.contains { $0.contains("POLICY") })
    }

    @Test func theDiffAddsAndRemovesRowLevelSecurityWithTenant() throws {
        let plain = try Self.schema(tenant: false)
        let scoped = try Self.schema(tenant: true)
        let added = SchemaDiff.plan(from: plain, to: scoped)
        #expect(added.steps.map(\.summary) == ["enable row level security on notes"])
        let note = try #require(scoped.entity(named: "Note"))
        #expect(added.steps.first?.up == SchemaDDL.rowLevelSecurity(of: note, in: scoped))
        #expect(added.steps.first?.down == SchemaDDL.droppedRowLevelSecurity(table: "notes"))
        let removed = SchemaDiff.plan(from: scoped, to: plain)
        #expect(removed.steps.map(\.summary) == ["drop row level security on notes"])
        #expect(removed.steps.first?.up.first == "DROP POLICY repogen_tenant_isolation ON notes;")
        #expect(SchemaDiff.plan(from: scoped, to: scoped).isEmpty)
        let created = SchemaDiff.plan(from: Schema(), to: scoped)
        #expect(created.steps.contains { $0.up.contains("ALTER TABLE notes FORCE ROW LEVEL SECURITY;") })
    }

    @Test(arguments: [
        "table: \"notes; DROP TABLE accounts\"", "table: \"notes\\\"--\"", "table: \"notes /* x */\"",
    ])
    func identifiersWithSQLInThemAreRefused(_ tableKey: String) {
        let yaml = """
            version: 1
            entities:
              Note:
                \(tableKey)
                fields:
                  id: { type: uuid, primary: true }
            """
        let result = SchemaReader.read(yaml: yaml, file: "schema.yaml")
        #expect(result.schema == nil && !result.diagnostics.isEmpty)
    }

    @Test(arguments: ["\"body; DROP TABLE notes\"", "\"body--\"", "\"Body\""])
    func fieldNamesWithSQLInThemAreRefused(_ field: String) {
        let yaml = """
            version: 1
            entities:
              Note:
                fields:
                  id: { type: uuid, primary: true }
                  \(field): { type: text }
            """
        #expect(SchemaReader.read(yaml: yaml, file: "schema.yaml").schema == nil)
    }

    @Test func anEnumTenantColumnIsRefusedWhereItIsNamed() {
        let yaml = """
            version: 1
            enums:
              Region: [north, south]
            entities:
              Note:
                tenant: region
                fields:
                  id:     { type: uuid, primary: true, default: random }
                  region: { type: Region }
            """
        let result = SchemaReader.read(yaml: yaml, file: "schema.yaml")
        #expect(result.schema == nil)
        #expect(result.diagnostics.map(\.description) == [
            "schema.yaml:6:13: error: tenant field 'region' has an enum type; a tenant column must not be an enum, "
                + "since its row-level security policy would block every later change of the enum's labels",
        ])
    }
}
