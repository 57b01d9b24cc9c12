// Top-level code runs on the main actor. Every closure-taking entry point must accept closures formed here,
// capturing a non-Sendable local that is used again afterwards and returning a non-Sendable value, in Swift 6
// mode with warnings as errors. scripts/check-caller-isolation compiles this file to SIL (where "sending ...
// risks causing data races" is diagnosed) against the built RepogenRuntime; it is never run.
import RepogenRuntime

/// Not Sendable: it may only stay in the isolation that made it.
final class Report {
    var lines: [String] = []
}

/// A row as generated repositories decode it.
struct Item: Codable, Identifiable, Sendable {
    var id: Int32
}

var closuresRun = 0
let db = try await Database.connect(url: "postgres://localhost/caller_isolation")

/// Top-level statements capture top-level state.
let made = try await db.transaction { tx in
    closuresRun += 1
    try await tx.transaction { _ in closuresRun += 1 }
    return Report()
}
made.lines.append("made")

/// A closure formed on the main actor inside a task, as an app's event handler would, capturing locals.
Task { @MainActor in
    let report = Report()
    let inner = try await db.transaction { tx in
        report.lines.append("transaction")
        return try await tx.transaction { _ in
            report.lines.append("savepoint")
            return Report()
        }
    }
    try await db.transaction(options: .serializable) { _ in report.lines.append("serializable") }
    try await db.transaction(tenant: "tenant", options: .readOnly) { _ in report.lines.append("tenant") }
    try await db.transaction(actor: "user") { _ in report.lines.append("actor") }
    try await TenantContext.withTenant("tenant") { report.lines.append("withTenant") }
    try await AuditContext.withActor("user") { report.lines.append("withActor") }
    let policy = EntityCachePolicy(table: "items", ttl: .seconds(60), tier: .l1)
    let item = try await db.cacheContext.row(policy, "id", [1], decode: { row in
        report.lines.append("decode")
        return Item(id: try row.decode(Int32.self, at: 0))
    }) {
        report.lines.append("load")
        return try await db.run(
            PostgresStatement(name: "item", sql: "SELECT 1::int4", parameterTypes: []), PostgresBindings())
    }
    let store = InMemoryStore(tables: [])
    let stored = try await InMemoryContext(store).transaction { tx in
        report.lines.append("in-memory transaction")
        return try await tx.transaction { _ in
            report.lines.append("in-memory savepoint")
            return Report()
        }
    }
    let unit = try await RepositoryTransaction.run(on: db) { _ in
        report.lines.append("repository transaction")
        return Report()
    }
    report.lines.append("\(inner.lines) \(String(describing: item)) \(stored.lines) \(unit.lines)")
}

/// A main-actor function declared in top-level code.
@MainActor func refresh() async throws -> Report {
    let report = Report()
    let value = try await db.transaction { _ in
        report.lines.append("refresh")
        return Report()
    }
    report.lines += value.lines
    return report
}
_ = try await refresh()
await db.close()
