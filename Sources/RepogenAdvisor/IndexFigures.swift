import Foundation

/// An index as the server describes it: its scans since the statistics were reset, and its definition taken apart.
struct IndexFigures: Sendable {
    let name: String
    let table: String
    let scans: Int
    let isUnique: Bool
    let isPrimary: Bool
    /// `pg_get_indexdef`: `CREATE INDEX n ON public.t USING btree (a, b DESC) WHERE (c IS NULL)`.
    let definition: String
    let sizeBytes: Int
    /// The access method (`btree`, `gin`...).
    let method: String
    /// The key parts as written in the definition (`status`, `created_at DESC`, `lower(email)`).
    let keys: [String]
    /// The plain column of each key part, nil for an expression.
    let columns: [String?]
    /// The `WHERE` of a partial index, nil for a full one.
    let predicate: String?

    init(
        name: String, table: String, scans: Int, isUnique: Bool, isPrimary: Bool, definition: String, sizeBytes: Int
    ) {
        self.name = name
        self.table = table
        self.scans = scans
        self.isUnique = isUnique
        self.isPrimary = isPrimary
        self.definition = definition
        self.sizeBytes = sizeBytes
        let parts = Self.parts(of: definition)
        method = parts.method
        keys = parts.keys
        predicate = parts.predicate
        columns = keys.map { key in
            let word = key.split(separator: " ").first.map(String.init) ?? key
            return word.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? word : nil
        }
    }

    /// What two indexes must share to be the same index whatever their names.
    var shape: String {
        "\(table) \(method) (\(keys.joined(separator: ", ")))" + (predicate.map { " WHERE \($0)" } ?? "")
    }

    /// Whether the index's leading plain columns are `columns`, in order (directions aside), with a predicate that
    /// is `predicate` or none: then it can serve a lookup on them.
    func serves(columns wanted: [String], predicate condition: String?) -> Bool {
        guard method == "btree", columns.count >= wanted.count else { return false }
        guard predicate == nil || predicate == condition.map({ "(\($0))" }) || predicate == condition else {
            return false
        }
        return zip(columns, wanted).allSatisfy { $0 == $1 }
    }

    /// Cuts `... USING method (keys) [INCLUDE (...)] [WHERE predicate]` at its top-level parentheses.
    static func parts(of definition: String) -> (method: String, keys: [String], predicate: String?) {
        guard let using = definition.range(of: " USING ") else { return ("", [], nil) }
        let rest = definition[using.upperBound...]
        let method = String(rest.prefix { $0 != " " && $0 != "(" })
        guard let open = rest.firstIndex(of: "(") else { return (method, [], nil) }
        var depth = 0
        var keys: [String] = []
        var current = ""
        var index = open
        while index < rest.endIndex {
            let character = rest[index]
            index = rest.index(after: index)
            if character == "(" { depth += 1; if depth == 1 { continue } }
            if character == ")" { depth -= 1; if depth == 0 { break } }
            if character == ",", depth == 1 {
                keys.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        keys.append(current.trimmingCharacters(in: .whitespaces))
        let tail = rest[index...]
        let predicate = tail.range(of: " WHERE ").map { String(tail[$0.upperBound...]) }
        return (method, keys.filter { !$0.isEmpty }, predicate)
    }
}
