/// Indexes that cost writes and space without serving reads: never scanned, or the same as another.
enum IndexHygiene {
    /// Indexes never scanned since the statistics were last reset; unique and primary key indexes are left out,
    /// since they enforce a constraint whether or not a read uses them.
    static func unused(_ indexes: [IndexFigures]) -> [PerformanceReport.IndexNote] {
        indexes.filter { $0.scans == 0 && !$0.isUnique && !$0.isPrimary }.map {
            PerformanceReport.IndexNote(
                table: $0.table, index: $0.name, detail: "never scanned since the statistics were reset, "
                    + PerformanceReport.bytes($0.sizeBytes))
        }
    }

    /// Indexes with another's table, method, keys and predicate (exact duplicates), and plain B-tree indexes whose
    /// keys lead another's (a prefix serves nothing the longer one does not, unless it enforces uniqueness).
    static func duplicates(_ indexes: [IndexFigures]) -> [PerformanceReport.IndexNote] {
        var notes: [PerformanceReport.IndexNote] = []
        for (position, index) in indexes.enumerated() where !index.isPrimary {
            let twin = indexes.enumerated().first { other in
                other.offset != position && other.element.shape == index.shape
                    && (other.element.isPrimary || other.element.isUnique || other.offset < position)
                    && (!index.isUnique || other.element.isUnique)
            }?.element
            if let twin {
                notes.append(.init(table: index.table, index: index.name, detail: "the same as \(twin.name)"))
                continue
            }
            guard !index.isUnique, index.method == "btree", index.predicate == nil else { continue }
            let longer = indexes.first { other in
                other.name != index.name && other.table == index.table && other.method == "btree"
                    && other.predicate == nil && other.keys.count > index.keys.count
                    && Array(other.keys.prefix(index.keys.count)) == index.keys
            }
            if let longer {
                notes.append(.init(table: index.table, index: index.name, detail: "a prefix of \(longer.name)"))
            }
        }
        return notes
    }
}
