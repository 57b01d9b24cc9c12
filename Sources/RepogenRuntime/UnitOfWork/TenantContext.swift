/// The tenant the current task acts for; tenant-scoped repositories filter and set their tenant column from it.
///
/// ```swift
/// try await TenantContext.withTenant(organisation.id) {
///     let projects = try await db.projects.findAll()          // only this organisation's rows
/// }
/// try await db.transaction(tenant: organisation.id) { tx in try await tx.projects.create(newProject) }
/// ```
public enum TenantContext {
    /// The tenant's key as text (cast to the tenant column's type in SQL), or nil outside any tenant.
    @TaskLocal public static var current: String?

    /// The setting the row-level security policies read: `current_setting('app.tenant_id', true)`.
    public static let settingName = "app.tenant_id"

    /// Runs `body` with `tenant` as the current tenant, in the caller's isolation (an actor's state is in reach).
    public static func withTenant<T>(
        _ tenant: any CustomStringConvertible & Sendable, isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> T
    ) async throws -> T {
        try await $current.withValue(String(describing: tenant), operation: body)
    }

    /// The error a tenant-scoped statement throws when no tenant is set.
    public static func missingTenant(for entity: String) -> RepogenError {
        RepogenError(
            kind: .tenantRequired,
            message: "\(entity) is tenant-scoped: run it inside TenantContext.withTenant(_:) "
                + "or db.transaction(tenant:)")
    }

    /// `SELECT set_config('app.tenant_id', $1, true)`: the setting lasts until the transaction ends.
    static let setTenantStatement = PostgresStatement(
        name: "repogen_set_tenant", sql: "SELECT set_config('app.tenant_id', $1::text, true)", parameterTypes: [.text])

    /// The statements that set `tenant` for the transaction they run in: none without a tenant.
    static func setting(_ tenant: String?) -> [Execution] {
        guard let tenant else {
            return []
        }
        var binds = PostgresBindings(capacity: 1)
        binds.append(tenant)
        return [Execution(statement: setTenantStatement, binds: binds)]
    }
}

extension DatabaseExecutor {
    /// The tenant statements on this executor act for: a transaction's is fixed when it begins.
    public var tenant: String? {
        (self as? Transaction)?.tenantAtStart ?? TenantContext.current
    }

    /// The tenant as text for a tenant-scoped statement of `entity`; throws `tenantRequired` when there is none.
    public func requireTenant(for entity: String) throws -> String {
        guard let tenant else { throw TenantContext.missingTenant(for: entity) }
        return tenant
    }

    /// Bindings holding only the tenant, for a tenant-scoped statement without other parameters.
    public func tenantBindings(for entity: String) throws -> PostgresBindings {
        var binds = PostgresBindings(capacity: 1)
        binds.append(try requireTenant(for: entity))
        return binds
    }
}

extension Database {
    /// A unit of work acting for `tenant`: generated statements are scoped to it and RLS sees `app.tenant_id`.
    ///
    /// `options` are those of `transaction(options:_:)`, e.g. `db.transaction(tenant: org, options: .readOnly)`.
    public func transaction<T>(
        tenant: any CustomStringConvertible & Sendable, options: TransactionOptions = .default,
        isolation: isolated (any Actor)? = #isolation, _ body: (Transaction) async throws -> T
    ) async throws -> T {
        try await TenantContext.withTenant(tenant) { try await transaction(options: options, body) }
    }
}
