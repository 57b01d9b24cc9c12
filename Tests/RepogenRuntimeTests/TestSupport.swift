import Foundation
import RepogenRuntime
import RepogenTesting

/// A statement whose name is derived from its SQL, so tests need not invent names; not declared read-only.
func statement(_ sql: String, _ types: [PostgresType] = [], readOnly: Bool = false) -> PostgresStatement {
    let name = "t_" + Migration(version: 0, name: "", up: sql, down: nil).checksum
    return PostgresStatement(name: name, sql: sql, parameterTypes: types, readOnly: readOnly)
}

/// `statement` declared read-only: retried after a lost connection, may share a pipeline.
func read(_ sql: String, _ types: [PostgresType] = []) -> PostgresStatement {
    statement(sql, types, readOnly: true)
}

/// Binds built from a closure, for one-line call sites.
func binds(_ build: (inout PostgresBindings) -> Void) -> PostgresBindings {
    var bindings = PostgresBindings()
    build(&bindings)
    return bindings
}

extension DatabaseExecutor {
    /// Runs `sql` and decodes the first column of the first row.
    func scalar<T: PostgresDecodable>(
        _ type: T.Type, _ sql: String, _ parameters: PostgresBindings = PostgresBindings()
    ) async throws -> T? {
        try await run(statement(sql), parameters).decodeFirst { row in try row.decodeIfPresent(type, at: 0) } ?? nil
    }
}
