import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// The two backends every conformance test runs on: PostgreSQL (a fresh, migrated database) and the generated
/// in-memory repositories (a fresh store). The test bodies see only `QuoteMasterRepositoriesProtocol`, so the
/// same assertions hold on both, or the test fails on the backend that diverges.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case postgres
    case memory

    var testDescription: String { rawValue }

    /// Runs `body` on fresh repositories of this backend.
    func run<T>(_ body: (any QuoteMasterRepositoriesProtocol) async throws -> T) async throws -> T {
        switch self {
        case .postgres: return try await withQuoteMasterDatabase { try await body(QuoteMasterRepositories($0)) }
        case .memory: return try await body(InMemoryQuoteMasterRepositories())
        }
    }
}

/// The error `body` throws, as a `RepogenError`; records an issue when it throws none or another type.
func repogenError(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> RepogenError? {
    do {
        try await body()
        Issue.record("expected a RepogenError, nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as RepogenError {
        return error
    } catch {
        Issue.record("expected a RepogenError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// What a conformance test compares of an error: what the caller sees and can branch on.
struct ErrorShape: Equatable, CustomStringConvertible {
    let kind: RepogenError.Kind
    let violation: ConstraintViolation?
    let sqlState: String?
    let constraint: String?
    let fields: [String]

    init(_ error: RepogenError?) {
        kind = error?.kind ?? .queryFailed
        violation = error?.violation
        sqlState = error?.sqlState
        constraint = error?.constraint
        fields = error?.fields ?? []
    }

    init(
        _ kind: RepogenError.Kind, _ violation: ConstraintViolation? = nil, sqlState: String? = nil,
        constraint: String? = nil, fields: [String] = []
    ) {
        (self.kind, self.violation, self.sqlState, self.constraint, self.fields) =
            (kind, violation, sqlState, constraint, fields)
    }

    var description: String {
        "\(kind) \(violation.map(String.init(describing:)) ?? "-") \(sqlState ?? "-") \(constraint ?? "-") \(fields)"
    }
}

/// Seeds and helpers shared by the conformance tests, written against the protocols only.
enum Seed {
    /// A user with a unique e-mail address.
    static func user(_ repos: some QuoteMasterRepositoriesProtocol, _ name: String = "ada") async throws -> User {
        try await repos.users.create(NewUser(email: "\(name)@example.com", displayName: name.capitalized))
    }

    /// A quote of `owner` titled `title`.
    static func quote(
        _ repos: some QuoteMasterRepositoriesProtocol, _ owner: User, _ title: String, status: QuoteStatus? = nil,
        total: Decimal? = nil, validUntil: CalendarDate? = nil, metadata: JSONValue? = nil
    ) async throws -> Quote {
        try await repos.quotes.create(NewQuote(
            ownerID: owner.id, title: title, prompt: "prompt of " + title, status: status, totalAmount: total,
            metadata: metadata, validUntil: validUntil))
    }

    /// A label named `name`.
    static func label(_ repos: some QuoteMasterRepositoriesProtocol, _ name: String) async throws -> Label {
        try await repos.labels.create(NewLabel(name: name))
    }

    /// `quote` tagged with `label`.
    static func link(
        _ repos: some QuoteMasterRepositoriesProtocol, _ quote: Quote, _ label: Label
    ) async throws -> QuoteLabel {
        try await repos.quoteLabels.create(NewQuoteLabel(quoteID: quote.id, labelID: label.id))
    }

    /// `rows` in primary-key order as both backends sort a `uuid` key: by its bytes, which is its lowercase text.
    static func inKeyOrder<Row: Identifiable>(_ rows: [Row]) -> [Row] where Row.ID == UUID {
        rows.sorted { $0.id.uuidString.lowercased() < $1.id.uuidString.lowercased() }
    }
}
