import Foundation

extension MigrationHistory {
    /// What `migrate new` would write: the files (empty when nothing changed) and the plan they come from.
    public struct NextMigration: Sendable {
        /// Paths and full contents: the up and down files, `schema.sql` and the snapshot.
        public var files: [(path: String, contents: String)]
        /// The plan of the migration (empty for no change; the initial migration has no plan steps).
        public var plan: MigrationPlan
        /// `0002_add_currency`, or nil when nothing changed.
        public var stem: String?
    }

    /// Plans the next migration from the snapshot to the schema at `schemaPath`, linted before anything is written.
    ///
    /// Throws every diagnostic at once: the schema's or snapshot's own errors, a missing snapshot, risky steps
    /// that are neither acknowledged nor allowed, and changes the diff cannot generate.
    public func next(
        name: String, schemaPath: String, allowDestructive: Bool
    ) throws(DiagnosticsError) -> NextMigration {
        let (schema, schemaText) = try Self.readSchema(schemaPath)
        let existing = try MigrationFile.load(directory: migrationsDirectory)
        let source = (schemaPath as NSString).lastPathComponent
        let version = (existing.last?.version ?? 0) + 1
        let stem = MigrationFile(version: version, name: name, up: "", down: nil).stem
        let base = (migrationsDirectory as NSString).appendingPathComponent(stem)
        let state = [
            (schemaSQLPath, Self.schemaSQL(for: schema, sourceFile: source)), (snapshotPath, schemaText),
        ]
        guard FileManager.default.fileExists(atPath: snapshotPath) else {
            guard existing.isEmpty else {
                throw DiagnosticsError([.error(
                    "migrations exist but the snapshot is missing; restore it from version control",
                    at: .start(of: snapshotPath))])
            }
            let sql = Self.initialMigration(for: schema, stem: stem, sourceFile: source)
            let files = [(base + ".up.sql", sql.up), (base + ".down.sql", sql.down)] + state
            return NextMigration(files: files, plan: MigrationPlan(), stem: stem)
        }
        let plan = SchemaDiff.plan(from: try Self.readSchema(snapshotPath).schema, to: schema)
        guard !plan.isEmpty else { return NextMigration(files: [], plan: plan, stem: nil) }
        let refusals = MigrationLint.check(
            plan, acknowledgements: schema.acknowledgements, allowDestructive: allowDestructive)
        guard refusals.isEmpty else { throw DiagnosticsError(refusals) }
        let sql = MigrationScript.render(plan, stem: stem, sourceFile: source)
        let files = [(base + ".up.sql", sql.up), (base + ".down.sql", sql.down)] + state
        return NextMigration(files: files, plan: plan, stem: stem)
    }

    /// Problems `migrate check` fails on: schema changes no migration covers, and a `schema.sql` or snapshot
    /// that differs from what the generator writes. The commands its messages suggest name the schema as `hints` do
    /// (default: relative to the current directory).
    public func check(schemaPath: String, hints: CommandHints? = nil) -> [Diagnostic] {
        let hints = hints ?? CommandHints(schemaPath: schemaPath)
        do {
            let (schema, _) = try Self.readSchema(schemaPath)
            _ = try MigrationFile.load(directory: migrationsDirectory)
            guard FileManager.default.fileExists(atPath: snapshotPath) else {
                return [.error("no migration covers this schema yet; run `\(hints.migrateNew("initial"))`",
                               at: .start(of: schemaPath))]
            }
            let snapshot = try Self.readSchema(snapshotPath).schema
            var problems: [Diagnostic] = []
            let plan = SchemaDiff.plan(from: snapshot, to: schema)
            if !plan.isEmpty {
                problems.append(Self.uncoveredChanges(plan, schemaPath: schemaPath, severity: .error, hints: hints))
            }
            let expected = Self.schemaSQL(for: snapshot, sourceFile: (schemaPath as NSString).lastPathComponent)
            if FileManager.default.contents(atPath: schemaSQLPath) != Data(expected.utf8) {
                problems.append(.error(
                    "schema.sql is not what repogen writes for the snapshot; "
                        + "restore it or regenerate the last migration",
                    at: .start(of: schemaSQLPath)))
            }
            return problems
        } catch {
            return error.diagnostics
        }
    }

    /// The diagnostic for schema changes without a migration, at the first change's line when it is in the schema;
    /// the command it suggests names the schema as `hints` do.
    public static func uncoveredChanges(
        _ plan: MigrationPlan, schemaPath: String, severity: Diagnostic.Severity, hints: CommandHints
    ) -> Diagnostic {
        let first = plan.steps.first
        let location = first.map(\.location).flatMap { $0.file == schemaPath ? $0 : nil } ?? .start(of: schemaPath)
        let count = plan.steps.count
        let summary = first.map { " (\(count) step\(count == 1 ? "" : "s"), first: \($0.summary))" }
        return Diagnostic(
            severity: severity,
            message: "\((schemaPath as NSString).lastPathComponent) has changes no migration covers\(summary ?? ""); "
                + "run `\(hints.migrateNew("NAME"))` to write one",
            location: location)
    }

    /// A schema and its text, or its diagnostics thrown.
    static func readSchema(_ path: String) throws(DiagnosticsError) -> (schema: Schema, text: String) {
        let result = SchemaReader.read(contentsOf: path)
        guard let schema = result.schema, let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticsError(result.diagnostics.filter { $0.severity == .error })
        }
        return (schema, text)
    }
}
