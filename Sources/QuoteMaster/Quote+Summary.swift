import Foundation
import RepogenRuntime

/// Hand-written additions beside the generated code: the generated types are ordinary Swift types.
extension Quote {
    /// A one-line description for logs and the demo: `"Roof repair" sent 1250.00 USD`.
    public var summary: String {
        "\"\(title)\" \(status.rawValue) \(totalAmount) \(currency)"
    }
}

extension QuoteMasterRepositories {
    /// Creates a user and a first draft quote for them in one unit of work.
    ///
    /// ```swift
    /// let (user, quote) = try await QuoteMasterRepositories.onboard(email: "ada@example.com", on: db)
    /// ```
    public static func onboard(
        email: String, displayName: String, firstQuote title: String, on database: Database
    ) async throws -> (User, Quote) {
        try await database.transaction { tx in
            let user = try await tx.users.create(NewUser(email: email, displayName: displayName))
            let quote = try await tx.quotes.create(NewQuote(ownerID: user.id, title: title, prompt: title))
            _ = try await tx.analyticsEvents.create(
                NewAnalyticsEvent(userID: user.id, kind: "user.onboarded", quoteID: quote.id)
            )
            return (user, quote)
        }
    }
}
