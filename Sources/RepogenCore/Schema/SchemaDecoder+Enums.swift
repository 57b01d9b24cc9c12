extension SchemaDecoder {
    static let enumKeys = ["values", "doc"]

    /// Decodes `enums:`, a mapping of PascalCase names to lists of lowercase labels.
    mutating func decodeEnums(_ node: YAMLNode) -> [EnumType] {
        let entry = MappingEntry(key: "enums", keyLocation: node.location, value: node)
        let expected = "'enums' must be a mapping of enum names to lists of cases"
        guard let entries = mappingEntries(entry, expected: expected, duplicate: { "duplicate enum '\($0)'" }) else {
            return []
        }
        return entries.compactMap { decodeEnum($0) }
    }

    /// Decodes one enum declaration: `[a, b]` or `{ values: [a, b], doc: "..." }`.
    private mutating func decodeEnum(_ entry: MappingEntry) -> EnumType? {
        let name = entry.key
        if !Naming.isValidSwiftTypeName(name) {
            error("enum name '\(name)' must be a PascalCase Swift type name (like QuoteStatus)", at: entry.keyLocation)
        }
        var valuesNode = entry.value
        var doc: Located<String>?
        if case .mapping = entry.value {
            let context = " in enum '\(name)'"
            let errorCount = diagnostics.count
            let entries = knownEntries(of: entry.value, allowed: Self.enumKeys, context: context,
                                       duplicate: { "duplicate key '\($0)'\(context)" })
            guard let values = entries.first(where: { $0.key == "values" }) else {
                if diagnostics.count == errorCount {
                    error("missing required key 'values'\(context)", at: entry.value.location)
                }
                return nil
            }
            valuesNode = values.value
            doc = entries.first { $0.key == "doc" }.flatMap { self.doc($0) }
        }
        guard let items = valuesNode.sequenceItems else {
            error("enum '\(name)' must be a list of cases (like [draft, sent])", at: valuesNode.location)
            return nil
        }
        if items.isEmpty {
            error("enum '\(name)' has no cases", at: valuesNode.location)
        }
        return EnumType(name: name, sqlName: Naming.snakeCase(name), cases: decodeEnumCases(items, of: name),
                        location: entry.keyLocation, doc: doc?.value)
    }

    /// The labels of an enum, each a lowercase identifier, each once.
    private mutating func decodeEnumCases(_ items: [YAMLNode], of name: String) -> [String] {
        var cases: [String] = []
        var seen = Set<String>()
        var swiftOwners: [String: String] = [:]
        for item in items {
            guard case .scalar(let label, _, let location) = item, Naming.isValidSQLIdentifier(label) else {
                let shown = item.scalarText.map { "'\($0)'" } ?? item.kindDescription
                error("enum case \(shown) must be a lowercase identifier (\(Self.sqlIdentifierRule))",
                      at: item.location)
                continue
            }
            guard seen.insert(label).inserted else {
                error("duplicate case '\(label)' in enum '\(name)'", at: location)
                continue
            }
            if checkEnumCaseSwiftName(label, of: name, at: location, owners: &swiftOwners) {
                cases.append(label)
            }
        }
        return cases
    }

    /// Checks the Swift case of an enum label: a name Swift accepts, not a member every generated enum has, and
    /// not the case of another label (`in_review` and `in__review` both give `inReview`).
    private mutating func checkEnumCaseSwiftName(
        _ label: String, of name: String, at location: SourceLocation, owners: inout [String: String]
    ) -> Bool {
        let swiftName = Naming.camelCase(label)
        let problem = Naming.swiftMemberNameProblem(swiftName)
            ?? (ReservedNames.enumCaseNames.contains(swiftName) ? "every generated enum already has" : nil)
        if let problem {
            error("enum case '\(label)' of enum '\(name)' maps to Swift case '\(swiftName)', which \(problem); "
                  + "rename the case", at: location)
            return false
        }
        if let owner = owners[swiftName] {
            error("enum case '\(label)' of enum '\(name)' maps to Swift case '\(swiftName)', already used by case "
                  + "'\(owner)'", at: location)
            return false
        }
        owners[swiftName] = label
        return true
    }
}
