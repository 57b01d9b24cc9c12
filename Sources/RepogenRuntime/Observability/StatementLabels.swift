/// The `operation` and `entity` labels of a statement, explicit or derived from a name like `repogen_quotes_find`.
struct StatementLabels: Sendable, Hashable {
    let operation: String
    let entity: String

    /// Words that start the operation part of a generated statement name.
    static let operationWords: Set<String> = [
        "find", "count", "create", "delete", "exists", "update", "restore", "upsert", "purge", "list", "page",
        "search", "insert", "select", "soft", "hard", "by", "get", "save", "remove", "lock", "query", "spec",
    ]

    init(operation: String, entity: String) {
        self.operation = operation
        self.entity = entity
    }

    /// The labels a statement was created with (`PostgresStatement` computes them once, in its initializer).
    init(_ statement: PostgresStatement) {
        self = statement.labels
    }

    /// Uses the given labels, else splits `repogen_<table>_<operation>` at the first operation word.
    init(name: String, operation: String?, entity: String?) {
        if let operation, let entity {
            self.init(operation: operation, entity: entity)
            return
        }
        let derived = Self.derive(from: name)
        self.init(operation: operation ?? derived.operation, entity: entity ?? derived.entity)
    }

    /// Labels for transaction control and scripts.
    static let script = StatementLabels(operation: "script", entity: "none")

    private static func derive(from name: String) -> StatementLabels {
        guard name.hasPrefix("repogen_") else {
            return StatementLabels(operation: "query", entity: "unknown")
        }
        let words = name.dropFirst("repogen_".count).split(separator: "_").map(String.init)
        guard words.count >= 2 else {
            return StatementLabels(operation: "query", entity: words.first ?? "unknown")
        }
        let split = (1..<words.count).first { operationWords.contains(words[$0]) } ?? words.count - 1
        return StatementLabels(
            operation: words[split...].joined(separator: "_"), entity: words[..<split].joined(separator: "_"))
    }
}
