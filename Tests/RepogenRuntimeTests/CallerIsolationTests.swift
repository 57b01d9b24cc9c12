import RepogenRuntime
import RepogenTesting
import Testing

/// Every closure-taking entry point called from the main actor, from an actor and from nonisolated code.
///
/// The closures touch their caller's own state and hand back a non-`Sendable` value, so this file compiles in
/// Swift 6 mode only while each entry point runs its closure in the caller's isolation; the tests then run the
/// same calls on PostgreSQL. Top-level code (main.swift) is checked by `scripts/check-caller-isolation`.
@Suite("Caller isolation")
struct CallerIsolationTests {
    @MainActor @Test("a @MainActor class calls every entry point, and withTestDatabase runs on the main actor")
    func mainActor() async throws {
        let caller = MainActorCaller()
        let steps = try await withTestDatabase { db in
            MainActor.assertIsolated()
            try await db.runScript(CachedItemRepository.setup)
            return try await caller.callEveryEntryPoint(on: db)
        }
        #expect(steps.names == IsolationSteps.expected)
        #expect(caller.closuresRun == IsolationSteps.expected.count)
    }

    @Test("an actor calls every entry point, and Database.closing(after:) runs in it")
    func customActor() async throws {
        let store = ActorCaller()
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let names = try await store.openAndCall(testDatabase)
        #expect(names == IsolationSteps.expected)
        #expect(await store.closuresRun == IsolationSteps.expected.count)
    }

    @Test("nonisolated code calls every entry point")
    func nonisolated() async throws {
        try await withTestDatabase { db in
            try await db.runScript(CachedItemRepository.setup)
            let steps = try await callEveryEntryPointNonisolated(on: db)
            #expect(steps.names == IsolationSteps.expected)
        }
    }
}

/// What the closures record: not `Sendable`, so it can only come back in the caller's own isolation.
final class IsolationSteps {
    /// The steps in the order every caller runs them.
    static let expected = [
        "transaction", "savepoint", "serializable", "tenant", "actor", "withTenant", "withActor", "cacheRow",
    ]

    private(set) var names: [String] = []

    func add(_ name: String) {
        names.append(name)
    }
}

/// Writes item `id` in `tx` and checks what the server sees: the tenant setting and isolation level in force.
func recordStep(
    _ id: Int32, on tx: Transaction, tenant: String? = nil, isolationLevel: String = "read committed"
) async throws {
    try await CachedItemRepository(tx).create(id: id, label: "step \(id)")
    let setting = try await tx.scalar(String.self, "SELECT current_setting('app.tenant_id', true)")
    #expect((setting?.isEmpty == false ? setting : nil) == tenant)  // '' once a local setting has ended
    #expect(try await tx.scalar(String.self, "SHOW transaction_isolation") == isolationLevel)
}

/// The row written by step `id`, read through `CacheContext.row` (the database has no cache: `load` runs); like
/// the entry points it wraps, it runs `load` in its caller's isolation.
func itemThroughCacheContext(
    _ id: Int32, on db: Database, isolation: isolated (any Actor)? = #isolation, load: () async throws -> Void
) async throws -> Bool {
    var binds = PostgresBindings(capacity: 1)
    binds.append(id)
    let item = try await db.cacheContext.row(
        CachedItemRepository.policy, "id", [id], decode: CachedItemRepository.decode
    ) {
        try await load()
        return try await db.run(CachedItemRepository.find, binds)
    }
    return item?.label == "step \(id)"
}

@MainActor
final class MainActorCaller {
    /// Main-actor state every closure changes.
    private(set) var closuresRun = 0

    func callEveryEntryPoint(on db: Database) async throws -> IsolationSteps {
        let steps = try await db.transaction { tx in
            closuresRun += 1
            let steps = IsolationSteps()
            steps.add("transaction")
            try await recordStep(1, on: tx)
            try await tx.transaction { savepoint in
                closuresRun += 1
                steps.add("savepoint")
                try await recordStep(2, on: savepoint)
            }
            return steps
        }
        try await db.transaction(options: .serializable) { tx in
            closuresRun += 1
            steps.add("serializable")
            try await recordStep(3, on: tx, isolationLevel: "serializable")
        }
        try await db.transaction(tenant: "main-tenant") { tx in
            closuresRun += 1
            steps.add("tenant")
            try await recordStep(4, on: tx, tenant: "main-tenant")
        }
        try await db.transaction(actor: "main-user") { tx in
            closuresRun += 1
            steps.add(AuditContext.actor == "main-user" ? "actor" : "no actor")
            try await recordStep(5, on: tx)
        }
        try await TenantContext.withTenant("main-tenant") {
            closuresRun += 1
            steps.add(TenantContext.current == "main-tenant" ? "withTenant" : "no tenant")
        }
        try await AuditContext.withActor("main-user") {
            closuresRun += 1
            steps.add(AuditContext.actor == "main-user" ? "withActor" : "no actor")
        }
        if try await itemThroughCacheContext(5, on: db, load: { closuresRun += 1 }) {
            steps.add("cacheRow")
        }
        return steps
    }
}

/// An actor keeps what its closures change on itself: a closure that touches the actor's state and also captures a
/// non-`Sendable` local may not capture that local again in a later closure (a limit of the compiler's region
/// checking in Swift 6.3, which `withTaskGroup` and `TaskLocal.withValue` share).
actor ActorCaller {
    /// Actor state every closure changes.
    private(set) var closuresRun = 0
    private let steps = IsolationSteps()

    /// Opens a pool on `testDatabase`, calls every entry point, and closes the pool with `Database.closing(after:)`.
    func openAndCall(_ testDatabase: TestDatabase) async throws -> [String] {
        try await testDatabase.connect().closing { db in
            self.assertIsolated()
            try await db.runScript(CachedItemRepository.setup)
            return try await callEveryEntryPoint(on: db).names
        }
    }

    func callEveryEntryPoint(on db: Database) async throws -> IsolationSteps {
        try await db.transaction { tx in
            closuresRun += 1
            steps.add("transaction")
            try await recordStep(11, on: tx)
            try await tx.transaction { savepoint in
                closuresRun += 1
                steps.add("savepoint")
                try await recordStep(12, on: savepoint)
            }
        }
        let level = try await db.transaction(options: .init(isolationLevel: .serializable)) { tx in
            closuresRun += 1
            steps.add("serializable")
            return try await tx.scalar(String.self, "SHOW transaction_isolation")
        }
        #expect(level == "serializable")
        try await db.transaction(tenant: "actor-tenant", options: .repeatableRead) { tx in
            closuresRun += 1
            steps.add("tenant")
            try await recordStep(14, on: tx, tenant: "actor-tenant", isolationLevel: "repeatable read")
        }
        try await db.transaction(actor: "actor-user", options: .default) { tx in
            closuresRun += 1
            steps.add(AuditContext.actor == "actor-user" ? "actor" : "no actor")
            try await recordStep(15, on: tx)
        }
        let tenant = try await TenantContext.withTenant("actor-tenant") {
            closuresRun += 1
            steps.add("withTenant")
            return TenantContext.current
        }
        #expect(tenant == "actor-tenant")
        let user = try await AuditContext.withActor("actor-user") {
            closuresRun += 1
            steps.add("withActor")
            return AuditContext.actor
        }
        #expect(user == "actor-user")
        if try await itemThroughCacheContext(15, on: db, load: { closuresRun += 1 }) {
            steps.add("cacheRow")
        }
        return steps
    }
}

/// The same calls from nonisolated code, which keeps working as before (the closures run on the global executor).
func callEveryEntryPointNonisolated(on db: Database) async throws -> IsolationSteps {
    let steps = IsolationSteps()
    var closuresRun = 0
    try await db.transaction { tx in
        steps.add("transaction")
        try await recordStep(21, on: tx)
        try await tx.transaction { savepoint in
            steps.add("savepoint")
            try await recordStep(22, on: savepoint)
        }
    }
    try await db.transaction(options: .serializable) { tx in
        steps.add("serializable")
        try await recordStep(23, on: tx, isolationLevel: "serializable")
    }
    try await db.transaction(tenant: 24) { tx in
        steps.add("tenant")
        try await recordStep(24, on: tx, tenant: "24")
    }
    try await db.transaction(actor: nil) { tx in
        steps.add(AuditContext.actor == nil ? "actor" : "an actor")
        try await recordStep(25, on: tx)
    }
    try await TenantContext.withTenant(24) { steps.add(TenantContext.current == "24" ? "withTenant" : "no tenant") }
    try await AuditContext.withActor(25) { steps.add(AuditContext.actor == "25" ? "withActor" : "no actor") }
    if try await itemThroughCacheContext(25, on: db, load: { closuresRun += 1 }) {
        steps.add("cacheRow")
    }
    #expect(closuresRun == 1)
    return steps
}
