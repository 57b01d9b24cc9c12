/// One kind of schema change, for the generate → apply → compare → down → compare → up round trip.
struct RoundTripCase: Sendable, CustomStringConvertible {
    let description: String
    let old: String
    let new: String
    let seed: String

    init(_ description: String, old: String = Schemas.base, new: String, seed: String = Schemas.seed) {
        self.description = description
        self.old = old
        self.new = new
        self.seed = seed
    }

    static let tagEntity = """
          Tag:
            table: tags
            fields:
              id:    { type: uuid, primary: true, default: random }
              quote: { belongs_to: Quote, on_delete: cascade }
              label: { type: string, max: 40, unique: true }
            indexes:
              - { columns: [quote_id, label] }

        """

    static let all: [RoundTripCase] = tables + columns + constraints + enums + behaviours + search

    static let tables: [RoundTripCase] = [
        RoundTripCase("create table", new: Schemas.base + tagEntity),
        RoundTripCase("drop table", old: Schemas.base + tagEntity, new: Schemas.base),
        RoundTripCase("rename table", new: Schemas.editing([
            ("    table: quotes\n", "    table: offers\n    renamed_from: quotes\n"),
        ])),
    ]

    static let columns: [RoundTripCase] = [
        RoundTripCase("add columns", new: Schemas.editing([
            ("      notes:  { type: text, optional: true }\n",
             "      notes:  { type: text, optional: true }\n"
                + "      currency: { type: string, max: 3, default: \"USD\" }\n"
                + "      sent_at: { type: timestamp, optional: true }\n"),
        ])),
        RoundTripCase("drop column", new: Schemas.editing([("      notes:  { type: text, optional: true }\n", "")])),
        RoundTripCase("rename column", new: Schemas.editing([
            ("title:  { type: string, max: 200 }", "headline: { type: string, max: 200, renamed_from: title }"),
        ])),
        RoundTripCase("widen types", new: Schemas.editing([
            ("title:  { type: string, max: 200 }", "title:  { type: string, max: 300 }"),
            ("name:  { type: string, max: 100 }", "name:  { type: text }"),
        ])),
        RoundTripCase("change type with a cast", new: Schemas.editing([
            ("code:   { type: string, max: 10, optional: true }", "code:   { type: int, optional: true }"),
        ])),
        RoundTripCase("nullability", new: Schemas.editing([
            ("notes:  { type: text, optional: true }", "notes:  { type: text, default: \"none\" }"),
            ("name:  { type: string, max: 100 }", "name:  { type: string, max: 100, optional: true }"),
        ])),
        RoundTripCase("defaults", new: Schemas.editing([
            ("status: { type: Status, default: draft }", "status: { type: Status, default: sent }"),
            ("code:   { type: string, max: 10, optional: true }",
             "code:   { type: string, max: 10, optional: true, default: \"0\" }"),
        ])),
    ]

    static let constraints: [RoundTripCase] = [
        RoundTripCase("add and drop indexes", new: Schemas.editing([
            ("      - { columns: [status] }\n", "      - { columns: [owner_id, title desc] }\n"
                + "      - { columns: [code], where: \"code IS NOT NULL\" }\n"),
        ])),
        RoundTripCase("unique constraints", new: Schemas.editing([
            ("email: { type: string, max: 320, unique: true }", "email: { type: string, max: 320 }"),
            ("name:  { type: string, max: 100 }", "name:  { type: string, max: 100, unique: true }"),
        ])),
        RoundTripCase(
            "rename a column a partial index predicate names",
            old: Schemas.editing([(
                "      - { columns: [status] }\n",
                "      - { columns: [status], where: \"title <> '' AND code IS NOT NULL\" }\n")]),
            new: Schemas.editing([
                ("title:  { type: string, max: 200 }", "headline: { type: string, max: 200, renamed_from: title }"),
                ("      - { columns: [status] }\n",
                 "      - { columns: [status], where: \"headline <> '' AND code IS NOT NULL\" }\n"),
            ])),
        RoundTripCase("hostile literals in defaults and predicates", new: Schemas.editing([
            ("notes:  { type: text, optional: true }",
             "notes:  { type: text, default: 'it''s \\'' \\\\ ); DROP TABLE users; --' }"),
            ("      - { columns: [status] }\n",
             "      - { columns: [status], where: \"notes <> E'\\\\'; DROP TABLE users; --' AND code <> 'a\\\\'\" }\n"),
        ])),
        RoundTripCase("foreign keys", new: Schemas.editing([
            ("owner:  { belongs_to: User, on_delete: cascade }",
             "owner:  { belongs_to: User, on_delete: restrict }\n      reviewer: { belongs_to: User, optional: true }"),
        ])),
    ]

    static let enums: [RoundTripCase] = [
        RoundTripCase("enum values added and used", new: Schemas.editing([
            ("Status: [draft, sent]", "Status: [draft, review, sent, archived]"),
            ("status: { type: Status, default: draft }", "status: { type: Status, default: review }"),
        ])),
        RoundTripCase("enum value removed", new: Schemas.editing([("Status: [draft, sent]", "Status: [draft]")])),
        RoundTripCase("enum created and dropped", new: Schemas.editing([
            ("Status: [draft, sent]", "Status: [draft, sent]\n  Priority: [low, high]"),
            ("notes:  { type: text, optional: true }", "notes:  { type: text, optional: true }\n"
                + "      priority: { type: Priority, default: low }"),
        ])),
    ]

    /// `search:` on quotes: the generated `tsvector` column and its GIN index.
    static let searchable = Schemas.editing([
        ("    table: quotes\n", "    table: quotes\n    search: [title, notes]\n"),
    ])

    static let search: [RoundTripCase] = [
        RoundTripCase("full-text search added to a table with rows", new: searchable),
        RoundTripCase("full-text search removed", old: searchable, new: Schemas.base),
        RoundTripCase("full-text search language and columns changed", old: searchable, new: Schemas.editing([
            ("    table: quotes\n",
             "    table: quotes\n    search: { columns: [notes, title, code], language: simple }\n"),
        ])),
        RoundTripCase("a searched column renamed", old: searchable, new: Schemas.editing([
            ("    table: quotes\n", "    table: quotes\n    search: [headline, notes]\n"),
            ("title:  { type: string, max: 200 }", "headline: { type: string, max: 200, renamed_from: title }"),
        ])),
        RoundTripCase("a searched column dropped with the search", old: searchable, new: Schemas.editing([
            ("    table: quotes\n", "    table: quotes\n    search: [title]\n"),
            ("      notes:  { type: text, optional: true }\n", ""),
        ])),
        RoundTripCase("a table created with full-text search", new: Schemas.base + searchableTags),
    ]

    static let searchableTags = tagEntity.replacingOccurrences(
        of: "    fields:\n", with: "    search: [label]\n    fields:\n")

    static let behaviours: [RoundTripCase] = [
        RoundTripCase("soft delete and version columns appear", new: Schemas.editing([
            ("    table: users\n", "    table: users\n    soft_delete: true\n"),
            ("    table: quotes\n", "    table: quotes\n    versioned: true\n"),
        ])),
    ]
}
