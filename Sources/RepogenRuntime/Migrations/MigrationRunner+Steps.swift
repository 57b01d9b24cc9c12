extension MigrationRunner {
    /// Runs `steps` from `start`: consecutive transactional steps share one transaction, which also runs `finish`
    /// (so their record commits with them); a non-transactional step runs alone and `finish` runs right after it.
    /// `finish` receives the index of the first step not yet run.
    func run(
        _ steps: [Migration.Step], from start: Int, of migration: Migration, direction: String,
        finish: (any DatabaseExecutor, Int) async throws -> Void
    ) async throws {
        guard start < steps.count else {
            try await Transaction.unitOfWork(on: connection) { transaction in try await finish(transaction, start) }
            return
        }
        var index = start
        while index < steps.count {
            let committed = index > start
            if steps[index].isTransactional {
                var end = index
                while end < steps.count, steps[end].isTransactional { end += 1 }
                let range = index..<end
                try await Transaction.unitOfWork(on: connection) { transaction in
                    for position in range {
                        try await execute(
                            steps[position], number: position, of: migration, direction: direction,
                            committedBefore: committed, on: transaction)
                    }
                    try await finish(transaction, end)
                }
                index = end
            } else {
                try await execute(
                    steps[index], number: index, of: migration, direction: direction, committedBefore: committed,
                    on: connection)
                index += 1
                try await finish(connection, index)
            }
        }
    }

    /// Runs a step's statements one by one, so a failure names the statement that failed.
    private func execute(
        _ step: Migration.Step, number: Int, of migration: Migration, direction: String, committedBefore: Bool,
        on executor: any DatabaseExecutor
    ) async throws {
        for statement in step.statements {
            do {
                try await executor.runScript(statement)
            } catch let error as RepogenError {
                var failure = error
                failure.kind = .migrationFailed
                let stepName = step.summary.isEmpty ? "step \(number + 1)" : "step \(step.summary)"
                var message = "migration \(migration.version) (\(migration.name)) failed to \(direction) at "
                    + "\(stepName): \(error.message)"
                if committedBefore {
                    message += "; the steps before it were committed"
                        + (direction == "apply" ? ", and the next run resumes at this step" : "")
                }
                failure.message = message
                failure.statement = MigrationSQL.display(statement)
                throw failure
            }
        }
    }
}
