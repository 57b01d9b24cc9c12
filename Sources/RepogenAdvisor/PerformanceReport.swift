/// What the advisor found: operations ranked by total time, the indexes to add to `schema.yaml`, and indexes that
/// cost without serving. It recommends; it never creates or drops an index.
public struct PerformanceReport: Sendable, CustomStringConvertible {
    /// A statement's cost, named by the repository operation that sends it when the catalog knows its text.
    public struct OperationCost: Sendable, Hashable {
        /// `Quote.findByStatus`, or the start of the SQL text for a statement the catalog does not know.
        public let label: String
        /// The operation alone (`findByStatus`), or the label when there is none.
        public let operation: String
        /// How many times the server ran it.
        public let calls: Int
        /// Its total execution time in milliseconds.
        public let totalMilliseconds: Double
        /// Its mean execution time in milliseconds.
        public let meanMilliseconds: Double
    }

    /// An index to declare in `schema.yaml`, and the operations it would serve.
    public struct IndexRecommendation: Sendable, Hashable {
        /// The table to index.
        public let table: String
        /// The entity declaring the table, when the catalog knows it.
        public let entity: String?
        /// The entity's line, `schema.yaml:31`, when the catalog knows it.
        public let location: String?
        /// The key parts as `schema.yaml` writes them: `status`, `created_at desc`.
        public let columns: [String]
        /// The partial index condition, when every statement it serves has one.
        public let predicate: String?
        /// The operations that read the whole table or sort many rows for want of it, most expensive first.
        public let operations: [OperationCost]
        /// Whether the first operation reads the whole table (else it sorts).
        public let readsWholeTable: Bool
        /// The rows the first operation reads or sorts each time.
        public let rows: Int

        /// The entry for the entity's `indexes:` list: `{ columns: [status, created_at desc] }`.
        public var snippet: String {
            "{ columns: [\(columns.joined(separator: ", "))]" + (predicate.map { ", where: \"\($0)\"" } ?? "") + " }"
        }
    }

    /// An index worth a second look: never used, or the same as another.
    public struct IndexNote: Sendable, Hashable {
        /// Its table.
        public let table: String
        /// Its name.
        public let index: String
        /// Why it is listed.
        public let detail: String
    }

    /// The most expensive operations by total time, most first.
    public let operations: [OperationCost]
    /// Indexes to add, the one serving the most total time first.
    public let recommendations: [IndexRecommendation]
    /// Indexes never scanned since the statistics were reset.
    public let unusedIndexes: [IndexNote]
    /// Indexes that duplicate another or lead it.
    public let duplicateIndexes: [IndexNote]
    /// What limited the report (no `pg_stat_statements`, statements that could not be explained).
    public let notes: [String]

    /// Recommendations, unused and duplicate indexes together.
    public var findingsCount: Int {
        recommendations.count + unusedIndexes.count + duplicateIndexes.count
    }

    /// The report as text, one finding a line.
    public var description: String {
        ReportText(self).lines.joined(separator: "\n")
    }

    /// `12,345`, with a comma between thousands whatever the locale.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var text = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (value < 0 ? "-" : "") + text
    }

    /// `8 kB`, `1.5 MB`.
    static func bytes(_ count: Int) -> String {
        guard count >= 1024 else { return "\(count) B" }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(count) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return "\(Int(value.rounded())) \(units[unit])"
    }

    /// A duration in milliseconds with at most two decimals (`12`, `0.35`).
    static func milliseconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = grouped(hundredths / 100)
        let fraction = hundredths % 100
        guard fraction != 0 else { return whole }
        return whole + "." + (fraction < 10 ? "0\(fraction)" : "\(fraction)").replacingTrailingZero()
    }
}

extension String {
    /// `50` as `5`: a fraction's trailing zero dropped.
    fileprivate func replacingTrailingZero() -> String {
        hasSuffix("0") ? String(dropLast()) : self
    }
}
