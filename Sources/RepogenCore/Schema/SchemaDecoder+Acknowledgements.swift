extension SchemaDecoder {
    /// Decodes `acknowledge:`, a list of single-key mappings such as `{ drop_column: quotes.legacy_notes }`.
    mutating func decodeAcknowledgements(_ entry: MappingEntry) -> [Acknowledgement] {
        if entry.value.isNull { return [] }
        guard let items = entry.value.sequenceItems else {
            error("'acknowledge' must be a list of acknowledgements (like - { drop_column: quotes.notes })",
                  at: entry.value.location)
            return []
        }
        var acknowledgements: [Acknowledgement] = []
        for item in items {
            guard let acknowledgement = decodeAcknowledgement(item) else { continue }
            if acknowledgements.contains(where: { $0.kind == acknowledgement.kind
                && $0.target == acknowledgement.target }) {
                error("duplicate acknowledgement '\(acknowledgement.kind.rawValue): \(acknowledgement.target)'",
                      at: acknowledgement.location)
                continue
            }
            acknowledgements.append(acknowledgement)
        }
        return acknowledgements
    }

    /// Decodes one acknowledgement and checks the shape of its target.
    private mutating func decodeAcknowledgement(_ node: YAMLNode) -> Acknowledgement? {
        guard let pairs = node.mappingPairs, pairs.count == 1, let pair = pairs.first,
              case .scalar(let kindName, _, let keyLocation) = pair.key else {
            error("an acknowledgement must be a mapping with one key (like { drop_column: quotes.notes })",
                  at: node.location)
            return nil
        }
        guard let kind = Acknowledgement.Kind(rawValue: kindName) else {
            let known = Acknowledgement.Kind.allCases.map(\.rawValue)
            error("unknown acknowledgement '\(kindName)'\(Self.expectation(kindName, in: known))", at: keyLocation)
            return nil
        }
        let entry = MappingEntry(key: kindName, keyLocation: keyLocation, value: pair.value)
        guard let target = string(entry) else { return nil }
        let parts = target.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == (kind.isQualified ? 2 : 1), parts.allSatisfy(Naming.isValidSQLIdentifier) else {
            error("'\(kindName)' must name \(kind.targetShape), not \(DefaultValueChecker.quoted(target.value))",
                  at: target.location)
            return nil
        }
        return Acknowledgement(kind: kind, target: target.value, location: keyLocation)
    }
}

extension Acknowledgement.Kind {
    /// Whether the target is `table.column` or `enum.label` rather than a single name.
    var isQualified: Bool {
        switch self {
        case .dropTable, .dropIndex, .rewriteTable: return false
        case .dropColumn, .narrowType, .setNotNull, .dropEnumValue: return true
        }
    }

    /// What the target of this kind of acknowledgement names, for diagnostics and docs.
    var targetShape: String {
        switch self {
        case .dropTable, .rewriteTable: return "a table"
        case .dropIndex: return "an index"
        case .dropColumn, .narrowType, .setNotNull: return "a column as table.column"
        case .dropEnumValue: return "an enum value as enum_sql_name.label"
        }
    }
}
