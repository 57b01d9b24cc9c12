import Foundation

/// Reads the YAML tree into declarations, checking shapes and keys; names are resolved later.
struct SchemaDecoder {
    static let topLevelKeys = ["version", "enums", "entities", "acknowledge"]
    static let supportedVersion = 1

    /// Every problem found so far.
    var diagnostics: [Diagnostic] = []

    /// Records an error.
    mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location))
    }

    /// Decodes the document root.
    mutating func decodeSchema(_ root: YAMLNode) -> SchemaDeclaration {
        var declaration = SchemaDeclaration()
        if root.isNull {
            error("schema file is empty", at: SourceLocation(file: root.location.file, line: 1, column: 1))
            return declaration
        }
        guard case .mapping = root else {
            error("the schema must be a mapping (expected keys: version, enums, entities, acknowledge)",
                  at: root.location)
            return declaration
        }
        let entries = knownEntries(of: root, allowed: Self.topLevelKeys, context: "",
                                   duplicate: { "duplicate key '\($0)'" })
        if !entries.contains(where: { $0.key == "version" }) {
            error("missing required key 'version'", at: root.location)
        }
        for entry in entries {
            switch entry.key {
            case "version": declaration.version = decodeVersion(entry)
            case "enums": declaration.enums = decodeEnums(entry.value)
            case "acknowledge": declaration.acknowledgements = decodeAcknowledgements(entry)
            default: declaration.entities = decodeEntities(entry.value)
            }
        }
        return declaration
    }

    /// Checks `version: 1`.
    private mutating func decodeVersion(_ entry: MappingEntry) -> Int {
        guard let text = entry.value.scalarText, Int(text) == Self.supportedVersion else {
            let shown = entry.value.scalarText ?? entry.value.kindDescription
            error("unsupported schema version '\(shown)' (expected \(Self.supportedVersion))",
                  at: entry.value.location)
            return Self.supportedVersion
        }
        return Self.supportedVersion
    }

    // MARK: - Mapping helpers

    /// The entries of a mapping node with scalar keys, the first of each key only.
    mutating func entries(of node: YAMLNode, duplicate: (String) -> String) -> [MappingEntry] {
        let pairs = node.mappingPairs ?? []
        var taken = FirstOwners(capacity: pairs.count)  // searched while short, hashed once long
        var entries: [MappingEntry] = []
        entries.reserveCapacity(pairs.count)
        for pair in pairs {
            guard case .scalar(let key, _, let location) = pair.key else {
                error("expected a name as key, found \(pair.key.kindDescription)", at: pair.key.location)
                continue
            }
            guard taken[key] == nil else {
                error(duplicate(key), at: location)
                continue
            }
            taken.claim(key, for: key)
            entries.append(MappingEntry(key: key, keyLocation: location, value: pair.value))
        }
        return entries
    }

    /// The entries whose keys are allowed; every other key is reported.
    mutating func knownEntries(
        of node: YAMLNode, allowed: [String], context: String, duplicate: (String) -> String
    ) -> [MappingEntry] {
        entries(of: node, duplicate: duplicate).filter { entry in
            if allowed.contains(entry.key) { return true }
            error("unknown key '\(entry.key)'\(context)\(Self.expectation(entry.key, in: allowed))",
                  at: entry.keyLocation)
            return false
        }
    }

    /// ` (did you mean 'X'?)` when a known name is close to `name`, else ` (expected one of: A, B)`.
    static func expectation(_ name: String, in allowed: [String]) -> String {
        if let suggestion = Suggestion.closest(to: name, in: allowed) { return " (did you mean '\(suggestion)'?)" }
        return " (expected one of: \(allowed.joined(separator: ", ")))"
    }

    /// A non-empty scalar value, or an error naming the key.
    mutating func string(_ entry: MappingEntry) -> Located<String>? {
        guard case .scalar(let text, _, _) = entry.value, !entry.value.isNull else {
            error("'\(entry.key)' must be a name, not \(entry.value.kindDescription)", at: entry.value.location)
            return nil
        }
        return entry.located(text)
    }

    /// A plain `true` or `false`, or an error naming the key.
    mutating func bool(_ entry: MappingEntry) -> Located<Bool>? {
        if case .scalar(let text, .plain, _) = entry.value {
            if text == "true" { return entry.located(true) }
            if text == "false" { return entry.located(false) }
        }
        error("'\(entry.key)' must be true or false", at: entry.value.location)
        return nil
    }

    /// A plain integer within a range, or an error naming the key and the range.
    mutating func integer(_ entry: MappingEntry, in range: ClosedRange<Int>) -> Located<Int>? {
        if case .scalar(let text, .plain, _) = entry.value, let value = Int(text), range.contains(value) {
            return entry.located(value)
        }
        let bounds = "between \(range.lowerBound) and \(range.upperBound)"
        error("'\(entry.key)' must be an integer \(bounds)", at: entry.value.location)
        return nil
    }

    /// A non-empty text of any scalar style (`doc:`), or an error naming the key.
    mutating func text(_ entry: MappingEntry) -> Located<String>? {
        guard case .scalar(let text, _, _) = entry.value, !entry.value.isNull else {
            error("'\(entry.key)' must be a text, not \(entry.value.kindDescription)", at: entry.value.location)
            return nil
        }
        guard !text.allSatisfy(\.isWhitespace) else {
            error("'\(entry.key)' must not be empty", at: entry.value.location)
            return nil
        }
        return entry.located(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A valid SQL identifier (`renamed_from:`), or an error naming the key.
    mutating func sqlIdentifier(_ entry: MappingEntry) -> Located<String>? {
        guard let name = string(entry) else { return nil }
        guard Naming.isValidSQLIdentifier(name.value) else {
            error("'\(entry.key)' must be a valid SQL identifier (\(Self.sqlIdentifierRule)), not "
                  + "\(DefaultValueChecker.quoted(name.value))", at: name.location)
            return nil
        }
        return name
    }

    /// The entries of a value that must be a mapping (null counts as empty), or nil after an error.
    mutating func mappingEntries(
        _ entry: MappingEntry, expected: String, duplicate: (String) -> String
    ) -> [MappingEntry]? {
        if entry.value.isNull { return [] }
        guard case .mapping = entry.value else {
            error(expected, at: entry.value.location)
            return nil
        }
        return entries(of: entry.value, duplicate: duplicate)
    }
}
