import RepogenRuntime
import RepogenTesting

/// Migrations up, down and up again on one database, each state compared through the catalogs.
extension PropertyChecker {
    /// One step of a round trip: what it does and the catalog it must leave.
    private struct RoundTripStep: Sendable {
        let summary: String
        let category: String
        let migrateTo: Int?
        let revertCount: Int
        let expected: [String]
    }

    /// Runs the initial migration up, down to nothing and up, then the change (when there is one) up, down, up;
    /// `expected[i]` is the catalog after migration `i + 1`.
    func roundTrip(_ migrations: [Migration], expected: [[String]], outcome: inout CaseOutcome) async {
        let steps = roundTripSteps(migrations, expected: expected)
        let result: Result<Finding?, any Error> = await Result(asyncCatching: {
            try await databases.with(conformingStrings: true) { db in
                for step in steps {
                    if let finding = await run(step, migrations: migrations, on: db) { return finding }
                }
                return await ScratchDatabases.canaryProblem(in: db).map { Finding(category: "canary", detail: $0) }
            }
        })
        switch result {
        case .success(let finding): outcome.findings += finding.map { [$0] } ?? []
        case .failure(let error):
            outcome.findings.append(Finding(category: "harness", detail: "round trip database: \(error)"))
        }
    }

    private func roundTripSteps(_ migrations: [Migration], expected: [[String]]) -> [RoundTripStep] {
        let first = expected[0]
        let initial = "migration-initial"
        var steps = [RoundTripStep(summary: "initial up", category: initial, migrateTo: 1, revertCount: 0,
                                   expected: first)]
        if migrations[0].isReversible {
            steps += [
                RoundTripStep(summary: "initial down", category: initial, migrateTo: nil, revertCount: 1,
                              expected: emptyCatalog),
                RoundTripStep(summary: "initial up again", category: initial, migrateTo: 1, revertCount: 0,
                              expected: first),
            ]
        }
        guard migrations.count > 1 else { return steps }
        let second = expected[1]
        steps.append(RoundTripStep(summary: "change up", category: "migration-diff", migrateTo: 2, revertCount: 0,
                                   expected: second))
        guard migrations[1].isReversible else { return steps }
        return steps + [
            RoundTripStep(summary: "change down", category: "migration-diff", migrateTo: nil, revertCount: 1,
                          expected: first),
            RoundTripStep(summary: "change up again", category: "migration-diff", migrateTo: 2, revertCount: 0,
                          expected: second),
        ]
    }

    /// Runs one step; a finding when it fails or leaves another catalog than expected.
    private func run(_ step: RoundTripStep, migrations: [Migration], on db: Database) async -> Finding? {
        let involvesNext = step.category == "migration-diff"
        do {
            if let version = step.migrateTo {
                _ = try await db.migrate(Array(migrations.prefix(version)))
            } else {
                _ = try await db.revertMigrations(migrations, count: step.revertCount)
            }
            let lines = try await DatabaseCatalog.lines(of: db)
            guard lines != step.expected else { return nil }
            let difference = DatabaseCatalog.difference(lines, from: step.expected).joined(separator: "\n")
            return Finding(category: step.category,
                           detail: "after \(step.summary) the catalog differs from schema.sql's:\n\(difference)",
                           involvesNext: involvesNext)
        } catch {
            return Finding(category: step.category, detail: "\(step.summary) fails: \(error)",
                           involvesNext: involvesNext)
        }
    }
}
