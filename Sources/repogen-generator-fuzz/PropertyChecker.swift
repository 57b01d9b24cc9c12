import Foundation
import RepogenCore

/// The soundness property of the generator, checked on one schema: it is rejected with every error located at
/// `file:line:col`, or it generates Swift that type-checks cleanly and SQL that applies safely (see `+Database`).
struct PropertyChecker: Sendable {
    let typeChecker: SwiftTypeChecker?
    let databases: ScratchDatabases
    let templates: TemplateSet
    /// The catalog of a database holding only the canary table.
    let emptyCatalog: [String]

    static let namespace = "App"

    /// Checks `propertyCase`; never throws: a problem of the harness itself is a `harness` finding.
    func check(_ propertyCase: PropertyCase) async -> CaseOutcome {
        var outcome = CaseOutcome()
        let file = propertyCase.stem + ".yaml"
        let read = SchemaReader.read(yaml: propertyCase.yaml, file: file)
        outcome.findings += Self.locationProblems(read, text: propertyCase.yaml, file: file)
        guard let schema = read.schema else {
            outcome.firstError = read.diagnostics.first { $0.severity == .error }?.description
            return outcome
        }
        // `repogen generate` refuses a schema whose types clash with the namespace's, as the plugin runs it.
        if let clash = Naming.namespaceDiagnostics(Self.namespace, schema: schema, schemaFile: file).first {
            outcome.firstError = clash.description
            return outcome
        }
        outcome.accepted = true
        let initial = MigrationHistory.initialMigration(for: schema, stem: "0001_initial", sourceFile: "schema.yaml")
        let migrations = [MigrationFile(version: 1, name: "initial", up: initial.up, down: initial.down)]
        let files = generate(schema, migrations: migrations)
        if files != generate(schema, migrations: migrations) {
            outcome.findings.append(Finding(category: "nondeterministic-output", detail: "two runs differ"))
        }
        if let typeChecker {
            do {
                if let problems = try await typeChecker.problems(in: files, label: propertyCase.stem) {
                    outcome.findings.append(Finding(category: "swift-typecheck", detail: problems))
                }
                outcome.typeChecked = true
            } catch {
                outcome.findings.append(Finding(category: "harness", detail: "swiftc did not run: \(error)"))
            }
        }
        let next = nextSchema(of: propertyCase, after: schema, outcome: &outcome)
        await checkDatabase(schema, next: next, outcome: &outcome)
        return outcome
    }

    private func generate(_ schema: Schema, migrations: [MigrationFile]) -> [GeneratedFile] {
        Generator(templates: templates).generate(
            schema, namespace: Self.namespace, sourceFile: "schema.yaml", migrations: migrations)
    }

    /// The second schema when it is accepted and its diff can be planned; its rejection must be located too.
    private func nextSchema(
        of propertyCase: PropertyCase, after schema: Schema, outcome: inout CaseOutcome
    ) -> Schema? {
        guard let yaml = propertyCase.derivedNext(from: schema) else { return nil }
        outcome.nextYAML = yaml
        let file = propertyCase.stem + ".next.yaml"
        let read = SchemaReader.read(yaml: yaml, file: file)
        let problems = Self.locationProblems(read, text: yaml, file: file)
        outcome.findings += problems.map { Finding(category: $0.category, detail: $0.detail, involvesNext: true) }
        guard let next = read.schema, SchemaDiff.plan(from: schema, to: next).unsupported.isEmpty else { return nil }
        return next
    }

    /// Every way the diagnostics break the contract: an error without `file:line:col` inside the text, a rejection
    /// without an error, or an error that still produced a schema.
    static func locationProblems(_ read: SchemaReadResult, text: String, file: String) -> [Finding] {
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        var problems: [String] = []
        if read.schema == nil && !read.hasErrors { problems.append("rejected without an error") }
        if read.schema != nil && read.hasErrors { problems.append("accepted despite an error") }
        for diagnostic in read.diagnostics {
            let location = diagnostic.location
            if location.file != file || location.line < 1 || location.line > lineCount || location.column < 1 {
                problems.append("not located in the file: \(diagnostic)")
            }
            if diagnostic.message.isEmpty { problems.append("empty message at \(location)") }
        }
        return problems.map { Finding(category: "unlocated-diagnostic", detail: $0) }
    }
}
