import Testing

@testable import RepogenAdvisor

/// The advisor's text handling without a server: fingerprints, index definitions, plan conditions, duplicates.
@Suite struct AdvisorParsingTests {
    @Test func aGeneratedStatementMatchesWhatPgStatStatementsRecords() {
        let generated = "INSERT INTO users (role) VALUES (COALESCE($1::user_role, 'member'::user_role)) -- x\n LIMIT 10"
        let recorded = "INSERT INTO users (role) VALUES (COALESCE($1::user_role, $2::user_role))  LIMIT $3"
        #expect(StatementFingerprint(generated) == StatementFingerprint(recorded))
        #expect(StatementFingerprint("SELECT a FROM t") != StatementFingerprint("SELECT b FROM t"))
        #expect(StatementFingerprint.parameterCount(of: "SELECT $1, $12, '$20'") == 12)
    }

    @Test func anIndexDefinitionIsTakenApart() {
        let index = figures("quotes_s", "CREATE INDEX quotes_s ON public.quotes USING btree (status, created_at DESC) "
            + "WHERE (deleted_at IS NULL)")
        #expect(index.method == "btree")
        #expect(index.keys == ["status", "created_at DESC"])
        #expect(index.columns == ["status", "created_at"])
        #expect(index.predicate == "(deleted_at IS NULL)")
        #expect(index.serves(columns: ["status"], predicate: "deleted_at IS NULL"))
        #expect(!index.serves(columns: ["status"], predicate: nil))
        #expect(!index.serves(columns: ["created_at"], predicate: "deleted_at IS NULL"))
        let expression = figures("e", "CREATE UNIQUE INDEX e ON public.users USING btree (lower((email)::text))")
        #expect(expression.keys == ["lower((email)::text)"])
        #expect(expression.columns == [nil])
    }

    @Test func planConditionsAreReadByKind() {
        let conditions = PlanConditions(
            ["((deleted_at IS NULL) AND ((status)::text = $1) AND (valid_until >= $2) AND (title ~~ 'x%'::text))",
             "(quotes.owner_id = ANY ($3))"],
            columns: ["deleted_at", "status", "valid_until", "title", "owner_id"])
        #expect(conditions.equalities == ["status", "owner_id"])
        #expect(conditions.ranges == ["valid_until"])
        #expect(conditions.nullTests == ["deleted_at"])
    }

    @Test func duplicatesAndPrefixesAreFoundButUniqueIndexesKept() {
        let indexes = [
            figures("a", "CREATE INDEX a ON public.t USING btree (x, y)"),
            figures("b", "CREATE INDEX b ON public.t USING btree (x, y)"),
            figures("c", "CREATE INDEX c ON public.t USING btree (x)"),
            figures("d", "CREATE UNIQUE INDEX d ON public.t USING btree (x)", unique: true),
        ]
        let notes = IndexHygiene.duplicates(indexes).map { "\($0.index): \($0.detail)" }
        #expect(notes == ["b: the same as a", "c: the same as d"])
        #expect(IndexHygiene.unused(indexes).map(\.index) == ["a", "b", "c"])
    }

    @Test func numbersAreGroupedWhateverTheLocale() {
        #expect(PerformanceReport.grouped(100_000) == "100,000")
        #expect(PerformanceReport.grouped(999) == "999")
        #expect(PerformanceReport.milliseconds(12.5) == "12.5")
        #expect(PerformanceReport.milliseconds(1234.567) == "1,234.57")
    }

    private func figures(_ name: String, _ definition: String, unique: Bool = false) -> IndexFigures {
        IndexFigures(
            name: name, table: "t", scans: 0, isUnique: unique, isPrimary: false, definition: definition,
            sizeBytes: 8192)
    }
}

extension AdvisorParsingTests {
    @Test func anUnknownStatementIsShownByItsTableAndCondition() {
        let query = "SELECT id, owner_id, title FROM quotes\n WHERE valid_until BETWEEN $1 AND $2 ORDER BY id LIMIT $3"
        #expect(PerformanceAdvisor.shortened(query)
            == "SELECT … FROM quotes WHERE valid_until BETWEEN $1 AND $2 ORDER BY id LIMIT $3")
        #expect(PerformanceAdvisor.shortened("UPDATE t SET a = 1").hasPrefix("UPDATE t"))
        #expect(PerformanceAdvisor.shortened(String(repeating: "x ", count: 100)).count == 90)
    }
}
