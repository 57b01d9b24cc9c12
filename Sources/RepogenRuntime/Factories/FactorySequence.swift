import Synchronization

/// The numbers generated factories put into the values they make, one per created row, never the same twice.
///
/// Every factory of a process shares `shared` unless given its own, so rows made by two factories on one database
/// never collide on a unique column; a sequence of its own (`FactorySequence(startingAt: 1)`) makes a test's values
/// the same on every run.
///
/// ```swift
/// let make = QuoteMasterFactories(db.repositories, sequence: FactorySequence(startingAt: 1))
/// let user = try await make.createUser()          // email "email-1", display name "display_name-1"
/// ```
public final class FactorySequence: Sendable {
    /// The sequence factories use when none is given.
    public static let shared = FactorySequence()

    private let last: Atomic<Int>

    /// A sequence whose first number is `first` (at least 1).
    public init(startingAt first: Int = 1) {
        last = Atomic(max(first, 1) - 1)
    }

    /// The next number: one more than the one before, whichever task asks.
    public func next() -> Int {
        last.add(1, ordering: .relaxed).newValue
    }
}
