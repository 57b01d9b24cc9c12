/// Full-text search on an entity (`search:` in the schema): a stored generated `tsvector` column over text
/// columns, a GIN index on it, and the generated `matches(_:)` predicate and ranked `search(_:)`.
///
/// ```yaml
/// search: [title, prompt]                                    # english
/// search: { columns: [title, prompt], language: simple }
/// ```
public struct EntitySearch: Hashable, Sendable, Codable {
    /// The columns searched, in weight order: the first weighs `A`, the second `B`, the third `C`, the rest `D`.
    public var columns: [String]
    /// The text search configuration (`english`), one of `languages`.
    public var language: String

    /// Creates a search setting.
    public init(columns: [String], language: String = "english") {
        self.columns = columns
        self.language = language
    }

    /// The generated column every searchable table gets.
    public static let column = "search_vector"

    /// The text search configurations PostgreSQL ships (`SELECT cfgname FROM pg_ts_config`); only these are
    /// accepted, so the name written into the DDL is always a known configuration.
    public static let languages = [
        "arabic", "armenian", "basque", "catalan", "danish", "dutch", "english", "finnish", "french", "german",
        "greek", "hindi", "hungarian", "indonesian", "irish", "italian", "lithuanian", "nepali", "norwegian",
        "portuguese", "romanian", "russian", "serbian", "simple", "spanish", "swedish", "tamil", "turkish", "yiddish",
    ]
}

/// One `search:` as written.
struct SearchDeclaration {
    var location: SourceLocation
    var columns: [Located<String>] = []
    var language: Located<String>?
}

extension SchemaDecoder {
    static let searchKeys = ["columns", "language"]

    /// Decodes `search: [a, b]` or `search: { columns: [a, b], language: english }`.
    mutating func decodeSearch(_ entry: MappingEntry, entity: String) -> SearchDeclaration? {
        var declaration = SearchDeclaration(location: entry.keyLocation)
        if entry.value.sequenceItems != nil {
            declaration.columns = nameList(entry, itemNoun: "a search column")
            return declaration
        }
        guard case .mapping = entry.value else {
            error("'search' must be a list of text columns or a mapping (like { columns: [title], language: "
                  + "english })", at: entry.value.location)
            return nil
        }
        let context = " in the search of entity '\(entity)'"
        let entries = knownEntries(of: entry.value, allowed: Self.searchKeys, context: context,
                                   duplicate: { "duplicate key '\($0)'\(context)" })
        if !entries.contains(where: { $0.key == "columns" }) {
            error("missing required key 'columns'\(context)", at: entry.keyLocation)
        }
        for item in entries {
            if item.key == "columns" {
                declaration.columns = nameList(item, itemNoun: "a search column")
            } else {
                declaration.language = string(item)
            }
        }
        return declaration
    }
}

extension SchemaResolver {
    /// The entity's search setting: every column a text field of the entity, named once; a known language.
    mutating func resolveSearch(of entity: EntityDeclaration, fields: [Field]) -> EntitySearch? {
        guard let search = entity.search else { return nil }
        let columns = EntityColumns(declaration: entity, fields: fields)
        var resolved: [String] = []
        for name in search.columns {
            guard let column = searchColumn(name, in: columns, entity: entity.name.value) else { continue }
            if resolved.contains(column) {
                error("search column '\(name.value)' is listed twice", at: name.location)
            }
            resolved.append(column)
        }
        if columns.contains(column: EntitySearch.column) {
            error("entity '\(entity.name.value)' has a column named '\(EntitySearch.column)', which 'search' adds; "
                  + "rename that field", at: search.location)
        }
        if let written = search.language, !EntitySearch.languages.contains(written.value) {
            error("unknown search language '\(written.value)'"
                  + SchemaDecoder.expectation(written.value, in: EntitySearch.languages), at: written.location)
        }
        return EntitySearch(columns: resolved, language: search.language?.value ?? "english")
    }

    /// The column of the text field `name` names, or nil after an error (unknown, or not text).
    private mutating func searchColumn(_ name: Located<String>, in columns: EntityColumns, entity: String)
        -> String?
    {
        switch columns.lookup(name.value) {
        case .unresolved:
            return nil
        case .unknown:
            error("unknown search column '\(name.value)' in entity '\(entity)'"
                  + didYouMean(name.value, in: columns.columnNames), at: name.location)
            return nil
        case .found(let field):
            switch field.type {
            case .string, .text:
                return field.column
            default:
                error("search column '\(name.value)' of entity '\(entity)' is not text; only string and text fields "
                      + "can be searched", at: name.location)
                return nil
            }
        }
    }
}
