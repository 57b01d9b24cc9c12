/// The text of a `PerformanceReport`: a heading and one line per operation and finding.
struct ReportText {
    let lines: [String]

    init(_ report: PerformanceReport) {
        typealias Report = PerformanceReport
        var lines = ["Operations by total time:"]
        lines += report.operations.isEmpty ? ["  (none recorded)"] : report.operations.enumerated().map { rank, cost in
            "  \(rank + 1). \(cost.label): \(Report.grouped(cost.calls)) calls, "
                + "\(Report.milliseconds(cost.totalMilliseconds)) ms total, "
                + "\(Report.milliseconds(cost.meanMilliseconds)) ms mean"
        }
        lines.append("Indexes to add (declare them in schema.yaml and write a migration; the advisor creates none):")
        lines += report.recommendations.isEmpty ? ["  (none)"] : report.recommendations.map { "  " + Self.line($0) }
        lines.append("Unused indexes:")
        lines += report.unusedIndexes.isEmpty ? ["  (none)"] : report.unusedIndexes.map(Self.line)
        lines.append("Duplicate indexes:")
        lines += report.duplicateIndexes.isEmpty ? ["  (none)"] : report.duplicateIndexes.map(Self.line)
        lines += report.notes.map { "Note: " + $0 }
        self.lines = lines
    }

    /// `schema.yaml:31: Quote: add { columns: [status, created_at desc] } — findByStatus scans 100,000 rows, 12 ms
    /// mean, 4,000 calls`.
    static func line(_ recommendation: PerformanceReport.IndexRecommendation) -> String {
        let place = [recommendation.location, recommendation.entity ?? recommendation.table].compactMap { $0 }
        let reasons = recommendation.operations.enumerated().map { offset, cost in
            let verb = offset == 0
                ? (recommendation.readsWholeTable ? "scans " : "sorts ")
                    + PerformanceReport.grouped(recommendation.rows) + " rows, "
                : ""
            return "\(cost.operation) \(verb)\(PerformanceReport.milliseconds(cost.meanMilliseconds)) ms mean, "
                + "\(PerformanceReport.grouped(cost.calls)) calls"
        }
        return place.joined(separator: ": ") + ": add \(recommendation.snippet) — " + reasons.joined(separator: "; ")
    }

    static func line(_ note: PerformanceReport.IndexNote) -> String {
        "  \(note.index) on \(note.table): \(note.detail)"
    }
}
