import RepogenRuntime

extension PerformanceAdvisor {
    /// Explains each statement that reads (SELECT, WITH, UPDATE and DELETE find rows; INSERT does not) and merges
    /// its findings by index; returns the recommendations, most total time first, and the explain failures.
    func recommend(
        _ statements: [RecordedStatement], costs: [PerformanceReport.OperationCost], advice: PlanAdvice, db: Database
    ) async throws -> ([PerformanceReport.IndexRecommendation], [String]) {
        var probe = PlanProbe(db: db)
        try await probe.prepareSession()
        var merged: [ScanKey: (finding: ScanFinding, costs: [PerformanceReport.OperationCost])] = [:]
        var order: [ScanKey] = []
        var failures: [String] = []
        let reads: Set<String> = ["SELECT", "WITH", "UPDATE", "DELETE"]
        for (statement, cost) in zip(statements, costs)
        where reads.contains(StatementFingerprint.leadingKeyword(of: statement.query)) {
            let plan: PlanNode?
            do {
                plan = try await probe.plan(of: statement.query)
            } catch {
                failures.append("\(cost.label): \(error)")
                continue
            }
            for finding in plan.map(advice.findings) ?? [] {
                let key = ScanKey(table: finding.table, keys: finding.keys, predicate: finding.predicate)
                if merged[key] == nil {
                    order.append(key)
                    merged[key] = (finding, [])
                }
                if merged[key]?.costs.contains(cost) == false {
                    merged[key]?.costs.append(cost)
                }
            }
        }
        let recommendations = order.compactMap { merged[$0] }.map { entry in
            recommendation(entry.finding, costs: entry.costs)
        }
        return (recommendations.sorted { total($0) > total($1) }, failures)
    }

    private func recommendation(
        _ finding: ScanFinding, costs: [PerformanceReport.OperationCost]
    ) -> PerformanceReport.IndexRecommendation {
        let entity = catalog.entity(for: finding.table)
        return PerformanceReport.IndexRecommendation(
            table: finding.table, entity: entity?.name, location: entity?.location, columns: finding.keys,
            predicate: finding.predicate, operations: costs.sorted { $0.totalMilliseconds > $1.totalMilliseconds },
            readsWholeTable: finding.readsWholeTable, rows: finding.rows)
    }

    private func total(_ recommendation: PerformanceReport.IndexRecommendation) -> Double {
        recommendation.operations.reduce(0) { $0 + $1.totalMilliseconds }
    }
}

/// What makes two findings one recommendation: the same index on the same table.
struct ScanKey: Hashable {
    let table: String
    let keys: [String]
    let predicate: String?
}
