extension SchemaResolver {
    /// How many candidate indexes the finder check examines in one run at most.
    static let finderCheckBudget = 200_000

    /// Words that mark a field as an amount of money, which a `double` would round.
    static let moneyWords: Set<String> = [
        "amount", "price", "total", "subtotal", "cost", "balance", "fee", "fees", "salary", "wage", "tax",
        "vat", "payment", "revenue", "discount", "refund", "charge", "budget", "income", "expense", "money",
        "profit", "credit", "debit",
    ]

    /// Warns about each `belongs_to` column no index, unique constraint or primary key leads with: deleting
    /// or updating the referenced row would scan the whole table.
    mutating func warnAboutUnindexedForeignKeys(_ entities: [Entity]) {
        for entity in entities {
            let catalog = EntityIndexCatalog(entity: entity, isTotal: { $0.predicate == nil })
            for field in entity.fields where field.reference != nil && !catalog.leadingColumns.contains(field.column) {
                warning("foreign key column '\(field.column)' has no index; add { columns: [\(field.column)] }",
                        at: field.location)
            }
        }
    }

    /// Warns about `double` fields whose name says money (`total_amount`, `price`): use `decimal`.
    mutating func warnAboutMoneyDoubles() {
        for entity in declaration.entities {
            for field in entity.fields {
                guard let type = field.type, type.value == "double" else { continue }
                let words = field.name.value.split(separator: "_").map(String.init)
                guard words.contains(where: Self.moneyWords.contains) else { continue }
                warning("field '\(field.name.value)' looks like money but is a double, which rounds; use "
                        + "{ type: decimal, precision: 12, scale: 2 }", at: type.location)
            }
        }
    }

    /// Warns about a finder no index serves (equality columns first, in any order, then the sort order),
    /// with the index to add. At most `finderCheckBudget` candidate indexes are examined in a run; past that,
    /// finders are not checked (only a file with thousands of near-identical indexes gets there).
    mutating func warnAboutUnservedFinders(_ entities: [Entity]) {
        var budget = Self.finderCheckBudget
        for entity in entities where !entity.finders.isEmpty {
            let catalog = EntityIndexCatalog(entity: entity, isTotal: { isTotal($0, of: entity) })
            for finder in entity.finders where !isServed(finder, in: entity, catalog: catalog, budget: &budget) {
                let tenant = entity.behaviours.tenantColumn.map { [$0] } ?? []
                let equality = tenant + finder.columns.filter { !tenant.contains($0) }
                let sorted = finder.order.filter { !equality.contains($0.column) }
                    .map { $0.column + ($0.isDescending ? " desc" : "") }
                let live = entity.behaviours.softDelete ? ", where: \"deleted_at IS NULL\"" : ""
                let columns = (equality + sorted).joined(separator: ", ")
                warning("finder '\(finder.name)' is not served by an index; add { columns: [\(columns)]\(live) }",
                        at: finder.location)
            }
        }
    }

    /// Whether some index (or the key or a unique column) finds the finder's rows in its order.
    private func isServed(_ finder: Finder, in entity: Entity, catalog: EntityIndexCatalog, budget: inout Int) -> Bool {
        let equality = Set(finder.columns)
        if finder.order.isEmpty && catalog.uniqueColumnSets.contains(equality.sorted()) { return true }
        var choices = [equality]
        if let tenant = entity.behaviours.tenantColumn, !equality.contains(tenant) {
            choices.append(equality.union([tenant]))
        }
        for choice in choices {
            for index in catalog.indexes(leadingWith: choice) {
                guard budget > 0 else { return true }
                budget -= 1
                if serves(index, equality: choice, order: finder.order) { return true }
            }
        }
        return false
    }

    /// Whether an index leading with the equality columns continues with the sort columns in one direction.
    private func serves(_ index: Index, equality: Set<String>, order: [IndexColumn]) -> Bool {
        let columns = index.columns
        if order.isEmpty { return index.method == .btree || (index.method == .hash && columns.count == 1) }
        guard index.method == .btree else { return false }
        let rest = order.filter { !equality.contains($0.column) }
        let following = Array(columns.dropFirst(equality.count).prefix(rest.count))
        guard following.map(\.column) == rest.map(\.column) else { return false }
        let same = zip(following, rest).allSatisfy { $0.isDescending == $1.isDescending }
        let reversed = zip(following, rest).allSatisfy { $0.isDescending != $1.isDescending }
        return same || reversed
    }
}
