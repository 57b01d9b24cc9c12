import Foundation

extension Migration {
    /// One step of a migration file: its statements and whether it runs inside the migration's transaction.
    public struct Step: Sendable, Hashable {
        /// The text after `-- repogen:step` (e.g. `2: create index quotes_currency_idx`), empty for unmarked SQL.
        public var summary: String
        /// The SQL statements, split at top-level semicolons, without comments-only fragments.
        public var statements: [String]
        /// False when the step is marked `-- repogen:no-transaction` (e.g. `CREATE INDEX CONCURRENTLY`).
        public var isTransactional: Bool
        /// True when the step is marked `-- repogen:irreversible`.
        public var isIrreversible: Bool

        /// Creates a step.
        public init(summary: String, statements: [String], isTransactional: Bool = true, isIrreversible: Bool = false) {
            self.summary = summary
            self.statements = statements
            self.isTransactional = isTransactional
            self.isIrreversible = isIrreversible
        }

        static let stepMarker = "-- repogen:step"
        static let noTransactionMarker = "-- repogen:no-transaction"
        static let irreversibleMarker = "-- repogen:irreversible"

        /// Splits migration text at `-- repogen:step` lines; text before the first marker is a step if it has SQL.
        static func parse(_ text: String) -> [Step] {
            var steps: [Step] = []
            var current = Step(summary: "", statements: [])
            var body = ""
            func finish() {
                current.statements = SQLStatementSplitter.split(body)
                if !current.statements.isEmpty || current.isIrreversible || !current.summary.isEmpty {
                    steps.append(current)
                }
            }
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix(stepMarker) {
                    finish()
                    let summary = trimmed.dropFirst(stepMarker.count).trimmingCharacters(in: .whitespaces)
                    current = Step(summary: summary, statements: [])
                    body = ""
                } else if trimmed == noTransactionMarker {
                    current.isTransactional = false
                } else if trimmed == irreversibleMarker {
                    current.isIrreversible = true
                } else {
                    body += line + "\n"
                }
            }
            finish()
            return steps
        }
    }
}
