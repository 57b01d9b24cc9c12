/// What an entity's indexes and constraints offer, precomputed once so the finder and foreign-key checks stay
/// linear in the size of the schema, however many indexes and finders a (possibly hostile) file declares.
struct EntityIndexCatalog {
    /// Columns some total btree or hash index leads with, plus unique and primary-key columns.
    private(set) var leadingColumns: Set<String> = []
    /// The sorted column sets of total unique indexes, unique fields and the primary key.
    private(set) var uniqueColumnSets: Set<[String]> = []
    /// Total indexes by the sorted set of their first k columns, for every k up to the PostgreSQL limit.
    private(set) var indexesByPrefix: [[String]: [Index]] = [:]

    /// Catalogues an entity whose indexes are resolved; `isTotal` says whether an index covers every live row.
    init(entity: Entity, isTotal: (Index) -> Bool) {
        for field in entity.fields where field.isPrimary || field.isUnique {
            leadingColumns.insert(field.column)
            uniqueColumnSets.insert([field.column])
        }
        for index in entity.indexes where isTotal(index) {
            let columns = index.columns.map(\.column)
            if index.method == .btree || index.method == .hash, let first = columns.first {
                leadingColumns.insert(first)
            }
            if index.isUnique { uniqueColumnSets.insert(columns.sorted()) }
            guard index.method == .btree || index.method == .hash else { continue }
            for length in 1...min(columns.count, SchemaResolver.maximumIndexColumns) {
                indexesByPrefix[columns.prefix(length).sorted(), default: []].append(index)
            }
        }
    }

    /// The total indexes whose first `columns.count` columns are exactly `columns`, in any order.
    func indexes(leadingWith columns: Set<String>) -> [Index] {
        indexesByPrefix[columns.sorted()] ?? []
    }
}
