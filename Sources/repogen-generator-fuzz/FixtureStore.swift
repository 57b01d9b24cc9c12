import Foundation

/// The committed failures (`Tests/Fixtures/schemas/generator`): `STEM.yaml`, its second schema `STEM.next.yaml`
/// when the failure needs one, and `STEM.txt` with what was found. `known-failures.txt` lists the stems still
/// expected to fail (one per line: stem, category, the branch that fixes it); comments start with `#`.
struct FixtureStore: Sendable {
    let directory: String

    static let knownFailuresFile = "known-failures.txt"

    /// A committed fixture.
    struct Fixture: Sendable {
        var stem: String
        var yaml: String
        var nextYAML: String?
    }

    /// Every fixture, ordered by stem (numerically when the stems are seeds).
    func fixtures() throws -> [Fixture] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let stems = names.filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".next.yaml") }
            .map { String($0.dropLast(".yaml".count)) }
            .sorted { (UInt64($0) ?? .max, $0) < (UInt64($1) ?? .max, $1) }
        return try stems.map { stem in
            Fixture(stem: stem, yaml: try read(stem + ".yaml"), nextYAML: try? read(stem + ".next.yaml"))
        }
    }

    /// The stems listed in `known-failures.txt`.
    func knownFailures() -> Set<String> {
        let text = (try? read(Self.knownFailuresFile)) ?? ""
        let stems = text.split(separator: "\n").compactMap { line -> String? in
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return content.split(whereSeparator: \.isWhitespace).first.map(String.init)
        }
        return Set(stems)
    }

    /// Writes a failing case as a fixture and returns the path of its schema.
    @discardableResult
    func record(_ stem: String, yaml: String, nextYAML: String?, findings: [Finding]) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try write(yaml, to: stem + ".yaml")
        if let nextYAML, findings.contains(where: \.involvesNext) {
            try write(nextYAML, to: stem + ".next.yaml")
        }
        let report = findings.map { "[\($0.category)]\n\($0.detail)\n" }.joined(separator: "\n")
        try write(report, to: stem + ".txt")
        return path(stem + ".yaml")
    }

    private func path(_ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    private func read(_ name: String) throws -> String {
        try String(contentsOfFile: path(name), encoding: .utf8)
    }

    private func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
    }
}

/// Cases being checked, on disk, so a crash of the whole process still names the schema that caused it.
struct InflightRecord: Sendable {
    let directory: String

    /// Notes that `propertyCase` is being checked in worker `slot`.
    func begin(_ propertyCase: PropertyCase, slot: Int) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let text = propertyCase.stem + "\n" + propertyCase.yaml
        try? Data(text.utf8).write(to: URL(fileURLWithPath: file(slot)))
    }

    /// Notes that worker `slot` finished its case.
    func end(slot: Int) {
        try? FileManager.default.removeItem(atPath: file(slot))
    }

    /// The cases a previous run was checking when it died, as (stem, schema text); the records are removed.
    func leftovers() -> [(stem: String, yaml: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("inflight-") }.sorted().compactMap { name in
            let path = (directory as NSString).appendingPathComponent(name)
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                  let newline = text.firstIndex(of: "\n") else { return nil }
            return (String(text[..<newline]), String(text[text.index(after: newline)...]))
        }
    }

    private func file(_ slot: Int) -> String {
        (directory as NSString).appendingPathComponent("inflight-\(slot)")
    }
}
