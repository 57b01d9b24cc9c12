/// One reviewable unit of a migration: the SQL that applies it, the SQL that reverts it, and what could go wrong.
///
/// ```swift
/// let step = MigrationStep(summary: "add column quotes.currency",
///                          up: ["ALTER TABLE quotes ADD COLUMN currency text;"],
///                          down: ["ALTER TABLE quotes DROP COLUMN currency;"], location: field.location)
/// ```
public struct MigrationStep: Hashable, Sendable {
    /// A one-line description, e.g. `add column quotes.currency`.
    public var summary: String
    /// The statements that apply the step, each ending with `;`.
    public var up: [String]
    /// The statements that revert the step (empty when there is nothing to undo), or nil when it cannot be reverted.
    public var down: [String]?
    /// Whether `up` runs inside the migration's transaction (false for `CREATE INDEX CONCURRENTLY` and friends).
    public var isTransactional: Bool
    /// Whether `down` runs inside a transaction.
    public var isDownTransactional: Bool
    /// Why the step needs an acknowledgement before `migrate new` writes it; empty for a safe step.
    public var risks: [MigrationRisk]
    /// Where the change is declared (the new schema, or the snapshot for something removed).
    public var location: SourceLocation
    /// A remark for the down file, e.g. that reverting restores a column's structure but not its data.
    public var downNote: String?

    /// Creates a step; transactional both ways and without risk unless told otherwise.
    public init(
        summary: String, up: [String], down: [String]?, location: SourceLocation,
        isTransactional: Bool = true, isDownTransactional: Bool = true, risks: [MigrationRisk] = [],
        downNote: String? = nil
    ) {
        self.summary = summary
        self.up = up
        self.down = down
        self.location = location
        self.isTransactional = isTransactional
        self.isDownTransactional = isDownTransactional
        self.risks = risks
        self.downNote = downNote
    }
}

/// A risky change inside a step: what kind it is, what it touches, and where it is declared.
public struct MigrationRisk: Hashable, Sendable {
    /// The kind of risk, named like the acknowledgement that accepts it.
    public var kind: Acknowledgement.Kind
    /// What it applies to: `table`, `table.column`, `enum_sql_name.label` or an index name.
    public var target: String
    /// A sentence explaining the danger, e.g. `drops column quotes.legacy_notes and its data`.
    public var message: String
    /// The schema line the lint message points at.
    public var location: SourceLocation

    /// Creates a risk.
    public init(kind: Acknowledgement.Kind, target: String, message: String, location: SourceLocation) {
        self.kind = kind
        self.target = target
        self.message = message
        self.location = location
    }

    /// How the risk is acknowledged in `schema.yaml`: `{ drop_column: quotes.legacy_notes }`.
    public var acknowledgementSyntax: String {
        "{ \(kind.rawValue): \(target) }"
    }
}

/// The ordered steps that take a database from one schema to another, and what the diff could not express.
public struct MigrationPlan: Hashable, Sendable {
    /// The steps in the order they run when applying; reverting runs their `down` in reverse order.
    public var steps: [MigrationStep]
    /// Changes the diff cannot generate safely (e.g. a new primary key); `migrate new` refuses while any exist.
    public var unsupported: [Diagnostic]

    /// Creates a plan.
    public init(steps: [MigrationStep] = [], unsupported: [Diagnostic] = []) {
        self.steps = steps
        self.unsupported = unsupported
    }

    /// Whether the two schemas create the same database.
    public var isEmpty: Bool { steps.isEmpty && unsupported.isEmpty }

    /// Whether every step can be reverted.
    public var isReversible: Bool { steps.allSatisfy { $0.down != nil } }
}
