import Foundation

/// One run: replays fixtures, then checks seeds with `jobs` workers, prints a line per case, records failures.
actor FuzzRun {
    /// What to check and for how long.
    struct Plan: Sendable {
        var firstSeed: UInt64
        var count: Int
        var budget: Double?
        var jobs: Int
        var replay: Bool
        var forever: Bool
    }

    let plan: Plan
    let checker: PropertyChecker
    let store: FixtureStore
    let inflight: InflightRecord
    private var queue: [PropertyCase] = []
    private var nextSeedOffset = 0
    private var fixtureStems = Set<String>()
    private var known = Set<String>()
    private var tally = FuzzTally()
    private var stopping = false
    private let started = ContinuousClock.now

    init(plan: Plan, checker: PropertyChecker, store: FixtureStore, inflight: InflightRecord) {
        self.plan = plan
        self.checker = checker
        self.store = store
        self.inflight = inflight
    }

    /// Runs the plan; true when nothing new failed and no known failure passes now.
    func execute() async -> Bool {
        known = store.knownFailures()
        recordCrashes()
        if let fixtures = try? store.fixtures() {
            fixtureStems = Set(fixtures.map(\.stem))
            if plan.replay {
                queue = fixtures.map { PropertyCase(label: "fixture \($0.stem)", stem: $0.stem, yaml: $0.yaml,
                                                    nextYAML: $0.nextYAML) }
            }
        }
        let stopSignals = watchStopSignals()
        await withTaskGroup(of: Void.self) { group in
            for slot in 0..<plan.jobs {
                group.addTask { await self.work(slot: slot) }
            }
        }
        stopSignals.forEach { $0.cancel() }
        tally.printSummary(elapsed: ContinuousClock.now - started, knownCount: known.count)
        return tally.isPassing
    }

    private func work(slot: Int) async {
        while let propertyCase = nextCase() {
            inflight.begin(propertyCase, slot: slot)
            let outcome = await checker.check(propertyCase)
            inflight.end(slot: slot)
            guard !stopping else { return }
            report(propertyCase, outcome)
        }
    }

    /// The next fixture, else the next seed without a fixture, while the count and budget last.
    private func nextCase() -> PropertyCase? {
        guard !stopping else { return nil }
        if !queue.isEmpty { return queue.removeFirst() }
        if let budget = plan.budget, ContinuousClock.now - started > .seconds(budget) { return nil }
        while nextSeedOffset < plan.count {
            let seed = plan.firstSeed &+ UInt64(nextSeedOffset)
            nextSeedOffset += 1
            if !fixtureStems.contains("\(seed)") { return PropertyCase.generated(seed: seed) }
        }
        return nil
    }

    private func report(_ propertyCase: PropertyCase, _ outcome: CaseOutcome) {
        let isFixture = propertyCase.seed == nil
        let isKnown = known.contains(propertyCase.stem)
        tally.count(outcome)
        if outcome.findings.isEmpty {
            if isKnown {
                tally.nowPassing.append(propertyCase.stem)
                print("PASSES \(propertyCase.label): listed in known-failures.txt but passes now; remove it there")
            } else {
                print("ok     \(propertyCase.label): \(FuzzTally.summary(outcome))")
            }
            return
        }
        let first = outcome.findings[0]
        let headline = "[\(first.category)] " + (first.detail.split(separator: "\n").first.map(String.init) ?? "")
        if isKnown {
            tally.knownFailing += 1
            print("known  \(propertyCase.label): \(headline)")
            return
        }
        tally.newFailures.append(propertyCase.stem)
        var recorded = ""
        if !isFixture {
            recorded = (try? store.record(propertyCase.stem, yaml: propertyCase.yaml, nextYAML: outcome.nextYAML,
                                          findings: outcome.findings)).map { " (recorded: \($0))" } ?? ""
        }
        print("FAIL   \(propertyCase.label): \(headline)\(recorded)")
        for finding in outcome.findings {
            print(finding.detail.split(separator: "\n").prefix(12).map { "         " + $0 }.joined(separator: "\n"))
        }
        if !isFixture {
            print("         the schema of \(propertyCase.label), as recorded:\n" + propertyCase.yaml)
        }
    }

    /// Records the cases a crashed earlier run left behind as `crash` fixtures.
    private func recordCrashes() {
        for leftover in inflight.leftovers() {
            let finding = Finding(category: "crash", detail: "the process died while checking this schema")
            let path = try? store.record(leftover.stem, yaml: leftover.yaml, nextYAML: nil, findings: [finding])
            tally.newFailures.append(leftover.stem)
            print("FAIL   \(leftover.stem): [crash] an earlier run died checking it (recorded: \(path ?? "-"))")
        }
    }

    /// Stops taking cases on SIGINT or SIGTERM; cases under way are finished but not judged (their tools die too).
    private nonisolated func watchStopSignals() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { Task { await self.stop() } }
            source.resume()
            return source
        }
    }

    private func stop() {
        guard !stopping else { return }
        stopping = true
        print("stopping: finishing the cases under way without judging them")
    }
}
