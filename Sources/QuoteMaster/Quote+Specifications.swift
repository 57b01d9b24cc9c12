import Foundation
import RepogenRuntime

/// Named, reusable quote specifications; they compose with `&&`, `||`, `!` like any predicate.
///
/// ```swift
/// let urgent = try await db.quotes.find(where: .expiringWithin(days: 7, from: today) && .open)
/// ```
extension Specification where Entity == Quote {
    /// Quotes still waiting for the customer: drafted or sent.
    public static var open: Specification<Quote> {
        Quote.status.in([.draft, .sent])
    }

    /// Quotes whose `valid_until` falls within `days` days from `today` (inclusive).
    public static func expiringWithin(days: Int, from today: CalendarDate) -> Specification<Quote> {
        Quote.validUntil.between(today, and: CalendarDate(daysSince2000: today.daysSince2000 + Int32(days)))
    }

    /// Quotes of `owner` worth at least `amount`.
    public static func worthAtLeast(_ amount: Decimal, ownedBy owner: UUID) -> Specification<Quote> {
        Quote.ownerID == owner && Quote.totalAmount >= amount
    }

    /// Quotes whose title or prompt contains `text` literally, ignoring case.
    public static func mentioning(_ text: String) -> Specification<Quote> {
        Quote.title.contains(text, caseInsensitive: true) || Quote.prompt.contains(text, caseInsensitive: true)
    }
}
