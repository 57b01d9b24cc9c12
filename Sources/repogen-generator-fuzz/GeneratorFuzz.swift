import ArgumentParser
import Foundation
import RepogenCore
import RepogenTesting

/// `repogen-generator-fuzz`: the generator soundness property over random schemas (issue 16).
///
/// Replays the committed fixtures first, then checks seeds `--first-seed`, `--first-seed + 1`... until `--count`
/// seeds or `--budget` seconds are used up, or, with `--forever`, until stopped. A new failure is written as a
/// fixture; the run fails on a new failure or on a known failure that now passes.
/// ```
/// swift run repogen-generator-fuzz --first-seed 1 --count 60 --budget 120   # make generator-property
/// swift run repogen-generator-fuzz --forever                                # make fuzz-generator
/// swift run repogen-generator-fuzz --print-seed 42                          # the schema of one seed
/// ```
@main
struct GeneratorFuzz: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repogen-generator-fuzz",
        abstract: "Check that every schema repogen accepts generates Swift that compiles and SQL that applies safely."
    )

    @Option(help: "The first seed to check (default 1, or a time-based seed with --forever).")
    var firstSeed: UInt64?

    @Option(help: "How many seeds to check.")
    var count: Int = 1_000_000

    @Option(help: "Stop taking new seeds after this many seconds.")
    var budget: Int?

    @Flag(help: "Check new seeds until stopped (Ctrl-C); failures are recorded as fixtures.")
    var forever = false

    @Option(help: "Schemas checked at once.")
    var jobs: Int = 2

    @Option(help: "The fixture directory: replayed first, new failures written there.")
    var fixtures: String = "Tests/Fixtures/schemas/generator"

    @Flag(help: "Skip replaying the fixtures.")
    var noReplay = false

    @Flag(help: "Skip the Swift type-check (much faster; the other checks still run).")
    var noTypecheck = false

    @Option(help: "Print the schema (and its second schema) of this seed and exit.")
    var printSeed: UInt64?

    @Option(help: "Where a run notes the cases it is checking, so a crash names its schema.")
    var state: String = ".build/generator-fuzz"

    func run() async throws {
        if let printSeed {
            printSchemas(of: printSeed)
            return
        }
        let checker = try await makeChecker()
        let seeds = firstSeed ?? (forever ? UInt64(Date().timeIntervalSince1970 * 1000) : 1)
        let plan = FuzzRun.Plan(
            firstSeed: seeds, count: forever ? Int.max : count, budget: forever ? nil : budget.map(Double.init),
            jobs: max(1, jobs), replay: !noReplay, forever: forever)
        let run = FuzzRun(plan: plan, checker: checker, store: FixtureStore(directory: fixtures),
                          inflight: InflightRecord(directory: state))
        let passed = await run.execute()
        await checker.databases.close()
        if let scratch = checker.typeChecker?.scratch { try? FileManager.default.removeItem(atPath: scratch) }
        if !passed { throw ExitCode.failure }
    }

    private func makeChecker() async throws -> PropertyChecker {
        let root = FileManager.default.currentDirectoryPath
        let stateDirectory = state.hasPrefix("/") ? state : (root as NSString).appendingPathComponent(state)
        let scratch = (stateDirectory as NSString).appendingPathComponent("scratch-\(getpid())")
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let typeChecker = noTypecheck ? nil : try SwiftTypeChecker.beside(
            executable: executable, packageRoot: root, scratch: scratch)
        let templates = try TemplateSet(defaults: nil, overrides: nil)
        let databases = try await ScratchDatabases.start()
        let empty = try await databases.with(conformingStrings: true) { db in
            try await DatabaseCatalog.lines(of: db)
        }
        return PropertyChecker(typeChecker: typeChecker, databases: databases, templates: templates,
                               emptyCatalog: empty)
    }

    private func printSchemas(of seed: UInt64) {
        let propertyCase = PropertyCase.generated(seed: seed)
        print(propertyCase.yaml)
        let read = SchemaReader.read(yaml: propertyCase.yaml, file: "\(seed).yaml")
        read.diagnostics.forEach { print("# \($0)") }
        if let schema = read.schema, let next = propertyCase.derivedNext(from: schema) {
            print(next)
        }
    }
}
