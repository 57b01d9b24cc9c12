import Foundation
@testable import RepogenRuntime
import RepogenTesting
import Testing

/// Server violations get the `constraintViolation` kind with a typed `violation`; a `FieldCatalog` names fields.
@Suite("Constraint violations and field validation")
struct ConstraintViolationTests {
    static let schema = """
        CREATE TABLE items (
            id int PRIMARY KEY,
            code varchar(3) NOT NULL CONSTRAINT items_code_key UNIQUE,
            price numeric(5,2) NOT NULL DEFAULT 0 CONSTRAINT items_price_check CHECK (price >= 0),
            parent_id int CONSTRAINT items_parent_id_fkey REFERENCES items (id)
        );
        INSERT INTO items (id, code) VALUES (1, 'a');
        """

    static let catalog = FieldCatalog(
        table: "items", columns: ["id": "id", "code": "code", "price": "price", "parent_id": "parentID"],
        constraints: [
            "items_pkey": ["id"], "items_code_key": ["code"], "items_price_check": ["price"],
            "items_parent_id_fkey": ["parentID"],
        ],
        limits: [(field: "code", limit: .length(3)), (field: "price", limit: .decimal(precision: 5, scale: 2))])

    /// Runs `sql` and returns the error it throws, with fields named from `catalog`.
    func failure(_ db: Database, _ sql: RawSQL) async throws -> RepogenError {
        let error = await #expect(throws: RepogenError.self) { try await db.query(sql) }
        return try #require(error).namingFields(from: Self.catalog)
    }

    @Test("each violating statement maps to its kind, violation and field, never printing the value")
    func serverViolations() async throws {
        try await withTestDatabase { db throws in
            try await db.runScript(Self.schema)
            let secret = "zz\(Int.random(in: 100...999))"
            let cases: [(RawSQL, ConstraintViolation, [String], String)] = [
                ("INSERT INTO items (id, code) VALUES (2, \("a"))", .unique, ["code"], "23505"),
                ("INSERT INTO items (id, code) VALUES (1, \("b"))", .unique, ["id"], "23505"),
                ("INSERT INTO items (id, code, parent_id) VALUES (2, \("b"), 9)", .foreignKey, ["parentID"], "23503"),
                ("INSERT INTO items (id, code, price) VALUES (2, \("b"), -1)", .check, ["price"], "23514"),
                ("INSERT INTO items (id, code) VALUES (2, NULL)", .notNull, ["code"], "23502"),
                ("INSERT INTO items (id, code) VALUES (2, \(secret + "toolong"))", .tooLong, ["code"], "22001"),
                ("INSERT INTO items (id, code, price) VALUES (2, \("b"), 1000)", .outOfRange, ["price"], "22003"),
            ]
            for (sql, violation, fields, sqlState) in cases {
                let error = try await failure(db, sql)
                #expect(error.kind == .constraintViolation, "\(sql.sql)")
                #expect(error.violation == violation, "\(sql.sql)")
                #expect(error.fields == fields, "\(sql.sql)")
                #expect(error.sqlState == sqlState)
                #expect(!error.description.contains(secret))
                #expect(error.description.contains("(field \(fields[0]))"))
            }
            let syntax = await #expect(throws: RepogenError.self) { try await db.query("SELEC 1") }
            #expect(syntax?.kind == .queryFailed && syntax?.violation == nil)
        }
    }

    @Test("an error of another table, or without a catalog entry, names no field")
    func unknownFieldsStayEmpty() {
        var other = RepogenError(kind: .constraintViolation, message: "", sqlState: "23502")
        other.table = "orders"
        other.column = "code"
        #expect(other.namingFields(from: Self.catalog).fields.isEmpty)
        var unknown = RepogenError(kind: .constraintViolation, message: "", sqlState: "23505")
        unknown.constraint = "orders_code_key"
        #expect(unknown.namingFields(from: Self.catalog).fields.isEmpty)
        #expect(unknown.namingFields(from: .empty).fields.isEmpty)
    }

    @Test("lengths count Unicode scalars, as PostgreSQL counts characters")
    func lengthCountsScalars() throws {
        let decomposed = "e\u{301}"  // one grapheme cluster, two scalars, three UTF-8 bytes
        try FieldValidation.check(decomposed, maxLength: 2, field: "code", entity: "Item")
        let error = #expect(throws: RepogenError.self) {
            try FieldValidation.check(decomposed + "x", maxLength: 2, field: "code", entity: "Item")
        }
        #expect(error?.kind == .validationFailed && error?.violation == .tooLong && error?.fields == ["code"])
        #expect(error?.description.contains("Item.code has 3 characters") == true)
        try FieldValidation.check("日本語", maxLength: 3, field: "code", entity: "Item")
        try FieldValidation.check(nil as String?, maxLength: 0, field: "code", entity: "Item")
    }

    @Test("decimals must fit precision - scale integer digits and at most scale fractional digits")
    func decimalDigits() throws {
        let check = { (text: String) throws in
            try FieldValidation.check(Decimal(string: text)!, precision: 5, scale: 2, field: "price", entity: "Item")
        }
        for fits in ["999.99", "-999.99", "0.5", "1.10", "000.01", "0"] {
            try check(fits)
        }
        for (text, violation) in [("1000", .outOfRange), ("-1000.5", .outOfRange), ("0.001", .tooManyFractionalDigits),
            ("1.005", .tooManyFractionalDigits)] as [(String, ConstraintViolation)]
        {
            let error = #expect(throws: RepogenError.self, "\(text)") { try check(text) }
            #expect(error?.violation == violation && error?.fields == ["price"], "\(text)")
            #expect(error?.description.contains(text) == false)
        }
    }
}
