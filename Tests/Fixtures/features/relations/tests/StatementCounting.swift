import RepogenRuntime

/// Runs `body` and returns its value with the number of statements it sent on `db`.
func counting<T>(_ db: Database, _ body: () async throws -> T) async throws -> (T, Int) {
    let before = db.statementsExecuted
    let value = try await body()
    return (value, db.statementsExecuted - before)
}
