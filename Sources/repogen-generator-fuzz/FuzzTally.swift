/// Counts of a run, and its verdict.
struct FuzzTally: Sendable {
    var cases = 0
    var accepted = 0
    var typeChecked = 0
    var migrated = 0
    var knownFailing = 0
    var newFailures: [String] = []
    var nowPassing: [String] = []

    /// Whether the run passes: nothing new failed and every known failure still fails.
    var isPassing: Bool { newFailures.isEmpty && nowPassing.isEmpty }

    mutating func count(_ outcome: CaseOutcome) {
        cases += 1
        if outcome.accepted { accepted += 1 }
        if outcome.typeChecked { typeChecked += 1 }
        if outcome.migrationSteps != nil { migrated += 1 }
    }

    /// `accepted, type-checked, migrated (3 steps)` or `rejected`.
    static func summary(_ outcome: CaseOutcome) -> String {
        guard outcome.accepted else { return "rejected: " + (outcome.firstError ?? "?") }
        var parts = ["accepted"]
        if outcome.typeChecked { parts.append("type-checked") }
        parts.append("schema.sql applied twice")
        parts.append(outcome.migrationSteps.map { "migrated (\($0) steps)" } ?? "initial migration only")
        return parts.joined(separator: ", ")
    }

    func printSummary(elapsed: Duration, knownCount: Int) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let perMinute = seconds > 0 ? Double(cases) / seconds * 60 : 0
        print("""
            \(cases) schemas in \(Int(seconds)) s (\(Int(perMinute.rounded())) per minute): \(accepted) accepted, \
            \(typeChecked) type-checked, \(migrated) with a second migration; \(knownFailing) known failures \
            (of \(knownCount) listed), \(newFailures.count) new failures, \(nowPassing.count) known failures now passing
            """)
        if !newFailures.isEmpty { print("new failures: " + newFailures.joined(separator: " ")) }
        if !nowPassing.isEmpty {
            print("now passing (remove from known-failures.txt): " + nowPassing.joined(separator: " "))
        }
    }
}
