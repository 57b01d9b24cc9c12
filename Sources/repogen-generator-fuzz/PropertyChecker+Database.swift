import RepogenCore
import RepogenRuntime
import RepogenTesting

/// The database half of the property: `schema.sql` applies with `standard_conforming_strings` on and off and
/// creates the same catalog both ways; the canary survives everything; the initial migration (and the diff to
/// the second schema) runs up, down and up again, each state compared with the catalog `schema.sql` makes.
extension PropertyChecker {
    func checkDatabase(_ schema: Schema, next: Schema?, outcome: inout CaseOutcome) async {
        let sql = MigrationHistory.schemaSQL(for: schema, sourceFile: "schema.yaml")
        let created = await apply(sql, conformingStrings: true, category: "schema-sql", outcome: &outcome)
        guard let created else { return }
        if let off = await apply(sql, conformingStrings: false, category: "schema-sql-scs-off", outcome: &outcome),
           off != created {
            let difference = DatabaseCatalog.difference(off, from: created).joined(separator: "\n")
            outcome.findings.append(Finding(
                category: "schema-sql-scs-off",
                detail: "schema.sql creates another catalog with standard_conforming_strings off:\n\(difference)"))
        }
        let initial = MigrationHistory.initialMigration(for: schema, stem: "0001_initial", sourceFile: "schema.yaml")
        var migrations = [Migration(version: 1, name: "initial", up: initial.up, down: initial.down)]
        var expectedNext: [String]?
        if let next {
            let plan = SchemaDiff.plan(from: schema, to: next)
            let nextSQL = MigrationHistory.schemaSQL(for: next, sourceFile: "schema.yaml")
            expectedNext = await apply(nextSQL, conformingStrings: true, category: "schema-sql", outcome: &outcome,
                                       involvesNext: true)
            if expectedNext != nil && !plan.steps.isEmpty {
                let script = MigrationScript.render(plan, stem: "0002_change", sourceFile: "schema.yaml")
                migrations.append(Migration(version: 2, name: "change", up: script.up, down: script.down))
                outcome.migrationSteps = plan.steps.count
            }
        }
        await roundTrip(migrations, expected: [created] + (migrations.count > 1 ? [expectedNext ?? []] : []),
                        outcome: &outcome)
    }

    /// The catalog `sql` creates on a fresh database with the canary, or nil after recording why it failed.
    private func apply(
        _ sql: String, conformingStrings: Bool, category: String, outcome: inout CaseOutcome,
        involvesNext: Bool = false
    ) async -> [String]? {
        let result: Result<[String], any Error> = await Result(asyncCatching: {
            try await databases.with(conformingStrings: conformingStrings) { db in
                try await db.runScript(sql)
                if let problem = await ScratchDatabases.canaryProblem(in: db) { throw FuzzError(problem) }
                return try await DatabaseCatalog.lines(of: db)
            }
        })
        switch result {
        case .success(let lines): return lines
        case .failure(let error as FuzzError):
            outcome.findings.append(Finding(category: "canary", detail: error.description, involvesNext: involvesNext))
        case .failure(let error):
            let setting = conformingStrings ? "" : " with standard_conforming_strings off"
            outcome.findings.append(Finding(
                category: category, detail: "schema.sql fails\(setting): \(error)", involvesNext: involvesNext))
        }
        return nil
    }
}

extension Result where Failure == any Error {
    /// The result of an async throwing body.
    init(asyncCatching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
