/// A typed condition on rows of `Entity`, rendered to SQL whose values are all bind parameters.
///
/// ```swift
/// let open: Predicate<Quote> = Quote.status == .sent && Quote.totalAmount > 100
/// let rows = try await db.quotes.find(where: open || Quote.title.hasPrefix("Roof"))
/// ```
public struct Predicate<Entity>: Sendable {
    /// The condition's SQL, parenthesised where it combines others.
    public let fragment: SQLFragment
    /// The same condition on a stored row, for the in-memory repositories (SQL's three values: nil is unknown);
    /// nil for a predicate built from SQL text, which they refuse rather than guess. Building one only stores a
    /// closure: nothing is evaluated or converted on the PostgreSQL path.
    let evaluator: InMemoryCondition?

    /// Creates a predicate from a fragment whose identifiers come from the schema; the in-memory repositories
    /// cannot evaluate it and throw `unsupportedInMemory`.
    public init(_ fragment: SQLFragment) {
        self.fragment = fragment
        evaluator = nil
    }

    /// A predicate with both forms of its condition.
    init(_ fragment: SQLFragment, evaluator: InMemoryCondition?) {
        self.fragment = fragment
        self.evaluator = evaluator
    }

    /// Every row.
    public static var all: Predicate<Entity> {
        Predicate(SQLFragment("TRUE"), evaluator: { _ in true })
    }

    /// No row.
    public static var none: Predicate<Entity> {
        Predicate(SQLFragment("FALSE"), evaluator: { _ in false })
    }

    /// Both conditions hold.
    public static func && (lhs: Predicate, rhs: Predicate) -> Predicate {
        Predicate("(" + lhs.fragment + " AND " + rhs.fragment + ")", evaluator: InMemoryLogic.and([lhs, rhs]))
    }

    /// At least one condition holds.
    public static func || (lhs: Predicate, rhs: Predicate) -> Predicate {
        Predicate("(" + lhs.fragment + " OR " + rhs.fragment + ")", evaluator: InMemoryLogic.or([lhs, rhs]))
    }

    /// The condition does not hold (SQL `NOT`: a NULL comparison stays unknown, so the row is left out).
    public static prefix func ! (operand: Predicate) -> Predicate {
        Predicate("(NOT " + operand.fragment + ")", evaluator: InMemoryLogic.not(operand))
    }

    /// All of the predicates hold; `.all` when the list is empty.
    public static func allOf(_ predicates: [Predicate]) -> Predicate {
        predicates.isEmpty
            ? .all
            : Predicate(
                "(" + SQLFragment.joined(predicates.map(\.fragment), separator: " AND ") + ")",
                evaluator: InMemoryLogic.and(predicates))
    }

    /// At least one of the predicates holds; `.none` when the list is empty.
    public static func anyOf(_ predicates: [Predicate]) -> Predicate {
        predicates.isEmpty
            ? .none
            : Predicate(
                "(" + SQLFragment.joined(predicates.map(\.fragment), separator: " OR ") + ")",
                evaluator: InMemoryLogic.or(predicates))
    }
}

/// A named, reusable predicate: declare one as a static function in an extension, compose it like any other.
///
/// ```swift
/// extension Specification where Entity == Quote {
///     static func expiringWithin(days: Int) -> Specification<Quote> { ... }
/// }
/// try await db.quotes.find(where: .expiringWithin(days: 7) && Quote.status == .sent)
/// ```
public typealias Specification<Entity> = Predicate<Entity>
