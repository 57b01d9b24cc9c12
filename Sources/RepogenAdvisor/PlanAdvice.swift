/// A scan that an index would spare: a whole large table read, or many rows sorted, and the index that serves it.
struct ScanFinding: Hashable, Sendable {
    let table: String
    /// The index's key parts as `schema.yaml` writes them: `status`, `created_at desc`.
    let keys: [String]
    /// The partial index's condition (`deleted_at IS NULL`), when every use of it has one.
    let predicate: String?
    /// Whether the table is read whole (else its rows are sorted).
    let readsWholeTable: Bool
    /// The rows read (the table's rows for a whole read, else the rows sorted).
    let rows: Int
}

/// Reads generic plans for the scans and sorts an index would serve, given the tables and indexes there are.
struct PlanAdvice: Sendable {
    let tables: [String: TableFigures]
    let indexes: [IndexFigures]
    let options: AdvisorOptions

    /// Every finding in `plan`, from the top down.
    func findings(in plan: PlanNode) -> [ScanFinding] {
        var found: [ScanFinding] = []
        walk(plan, sortKeys: nil, into: &found)
        return found
    }

    private func walk(_ node: PlanNode, sortKeys: [String]?, into found: inout [ScanFinding]) {
        if node.isSort || node.keepsOrder {
            let keys = node.isSort ? node.sortKeys : sortKeys
            node.children.forEach { walk($0, sortKeys: keys, into: &found) }
            return
        }
        if let finding = finding(for: node, sortKeys: sortKeys) {
            found.append(finding)
        }
        node.children.forEach { walk($0, sortKeys: nil, into: &found) }
    }

    private func finding(for scan: PlanNode, sortKeys: [String]?) -> ScanFinding? {
        guard let name = scan.relation, let table = tables[name], table.liveRows >= options.minimumTableRows else {
            return nil
        }
        let sorted = sortKeys != nil && scan.rows >= Double(options.minimumSortRows)
        guard scan.readsWholeTable || sorted else { return nil }
        let conditions = PlanConditions([scan.filter, scan.indexCondition], columns: table.columns)
        let keyColumns = primaryKey(of: name)
        var orderKeys = (sortKeys ?? []).map { Self.orderKey($0, columns: table.columns) }
        while let last = orderKeys.last, let column = last?.column, keyColumns.contains(column) {
            orderKeys.removeLast()  // the primary key only breaks ties; the index need not carry it
        }
        var keys = conditions.equalities.map { ($0, false) }
        if orderKeys.allSatisfy({ $0 != nil }) {
            let ordered = orderKeys.compactMap { $0 }.map { ($0.column, $0.descending) }
            keys += ordered.filter { key in !keys.contains { $0.0 == key.0 } }
        }
        if keys.count == conditions.equalities.count,
           let range = conditions.ranges.first(where: { column in !keys.contains { $0.0 == column } }) {
            keys.append((range, false))
        }
        guard !keys.isEmpty else { return nil }
        let columns = keys.map(\.0)
        let nullTests = conditions.nullTests.filter { !columns.contains($0) }
        let predicate = nullTests.isEmpty ? nil : nullTests.map { "\($0) IS NULL" }.joined(separator: " AND ")
        let serving = indexes.contains { index in
            index.table == name
                && (index.serves(columns: columns, predicate: predicate)
                    || (index.name == scan.usedIndex && index.serves(columns: columns, predicate: index.predicate)))
        }
        guard !serving else {
            return nil  // an index is there already (the scan may use it): the plan is what it is for another reason
        }
        return ScanFinding(
            table: name, keys: keys.map { $0.1 ? "\($0.0) desc" : $0.0 }, predicate: predicate,
            readsWholeTable: scan.readsWholeTable, rows: scan.readsWholeTable ? table.liveRows : Int(scan.rows))
    }

    private func primaryKey(of table: String) -> Set<String> {
        Set(indexes.first { $0.table == table && $0.isPrimary }?.columns.compactMap { $0 } ?? [])
    }

    /// `quotes.created_at DESC` as a column of the table and its direction; nil for an expression.
    static func orderKey(_ key: String, columns: Set<String>) -> (column: String, descending: Bool)? {
        let words = key.split(separator: " ").map(String.init)
        guard let first = words.first else { return nil }
        let bare = first.split(separator: ".").last.map(String.init) ?? first
        let column = bare.hasPrefix("\"") && bare.hasSuffix("\"") && bare.count > 1
            ? String(bare.dropFirst().dropLast()) : bare
        guard columns.contains(column) else { return nil }
        return (column, words.dropFirst().contains { $0.uppercased() == "DESC" })
    }
}
