import RepogenRuntime
import RepogenSQL

/// Explains a recorded statement's generic plan without running it, on the advisor's own connection.
///
/// `EXPLAIN (GENERIC_PLAN)` exists only from PostgreSQL 16, so the statement is prepared and, with
/// `plan_cache_mode = force_generic_plan` set on the session, explained through `EXECUTE` with every parameter
/// NULL: a generic plan never looks at the values, and `EXPLAIN` without `ANALYZE` runs nothing.
struct PlanProbe {
    /// A comment every advisor statement carries, so the advisor leaves its own statements out of the ranking.
    static let marker = "/* repogen-advisor */"

    let db: Database
    private var probes = 0

    init(db: Database) {
        self.db = db
    }

    /// Sets the session up for generic plans; once, before `plan(of:)`.
    func prepareSession() async throws {
        try await db.runScript("\(Self.marker) SET plan_cache_mode = force_generic_plan")
    }

    /// The generic plan of `sql`; throws the server's error when it cannot be prepared or explained.
    mutating func plan(of sql: String) async throws -> PlanNode? {
        guard !SQLLexer.tokens(of: sql).contains(where: { $0.kind == .punctuation && $0.text == ";" }) else {
            return nil  // one statement a record; anything else is not sent to PREPARE through the simple protocol
        }
        probes += 1
        let name = "repogen_advisor_probe_\(probes)"
        try await db.runScript("\(Self.marker) PREPARE \(name) AS \(sql)")
        let count = StatementFingerprint.parameterCount(of: sql)
        let arguments = count == 0 ? "" : "(" + Array(repeating: "NULL", count: count).joined(separator: ", ") + ")"
        let explain = PostgresStatement(
            name: "repogen_advisor_explain",
            sql: "\(Self.marker) EXPLAIN (FORMAT JSON) EXECUTE \(name)\(arguments)", parameterTypes: [],
            readOnly: true)
        let output: String?
        do {
            output = try await db.run(explain, PostgresBindings()).decodeFirst { try $0.decode(String.self, at: 0) }
        } catch {
            try? await db.runScript("DEALLOCATE \(name)")
            throw error
        }
        try await db.runScript("DEALLOCATE \(name)")
        return output.flatMap(PlanNode.init(explainOutput:))
    }
}
