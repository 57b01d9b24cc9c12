import RepogenCore
import RepogenRuntime
import Testing

@Suite("Migration plans for full-text search")
struct SearchDiffPlanTests {
    static let column = "ALTER TABLE quotes ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    static let index = [
        "DROP INDEX CONCURRENTLY IF EXISTS quotes_search_vector_idx;",
        "CREATE INDEX CONCURRENTLY quotes_search_vector_idx ON quotes USING gin (search_vector);",
    ]

    @Test("adding search adds the generated column in the transaction, then builds its index concurrently")
    func added() throws {
        let plan = SchemaDiff.plan(from: try Schemas.read(Schemas.base), to: try Schemas.read(RoundTripCase.searchable))
        #expect(plan.steps.map(\.isTransactional) == [true, false])
        #expect(plan.steps[0].up == [Self.column + "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), "
            + "'A') || setweight(to_tsvector('english'::regconfig, coalesce(notes, '')), 'B')) STORED;"])
        #expect(plan.steps[0].down == ["ALTER TABLE quotes DROP COLUMN search_vector;"])
        #expect(plan.steps[1].up == Self.index)
    }

    @Test("a new language drops the column before other column changes and adds it back after them")
    func languageChanged() throws {
        let new = Schemas.editing([
            ("    table: quotes\n", "    table: quotes\n    search: { columns: [title], language: simple }\n"),
            ("      notes:  { type: text, optional: true }\n", ""),
        ])
        let plan = SchemaDiff.plan(from: try Schemas.read(RoundTripCase.searchable), to: try Schemas.read(new))
        #expect(plan.steps.map(\.summary) == [
            "drop full-text search column quotes.search_vector", "drop column quotes.notes",
            "add full-text search column quotes.search_vector", "create index quotes_search_vector_idx on quotes",
        ])
        #expect(plan.steps[2].up == [
            Self.column + "setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')) STORED;",
        ])
        #expect(plan.steps[0].down?.first?.contains("coalesce(notes, '')") == true)
    }

    @Test("renaming a searched column leaves the search column alone")
    func renamed() throws {
        let new = Schemas.editing([
            ("    table: quotes\n", "    table: quotes\n    search: [headline, notes]\n"),
            ("title:  { type: string, max: 200 }", "headline: { type: string, max: 200, renamed_from: title }"),
        ])
        let plan = SchemaDiff.plan(from: try Schemas.read(RoundTripCase.searchable), to: try Schemas.read(new))
        #expect(plan.steps.flatMap(\.up) == ["ALTER TABLE quotes RENAME COLUMN title TO headline;"])
    }
}
