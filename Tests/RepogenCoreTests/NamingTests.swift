import Testing
@testable import RepogenCore

@Suite struct NamingTests {
    @Test func snakeCase() {
        #expect(Naming.snakeCase("QuoteStatus") == "quote_status")
        #expect(Naming.snakeCase("HTTPCode") == "http_code")
        #expect(Naming.snakeCase("UserID") == "user_id")
        #expect(Naming.snakeCase("Address2") == "address2")
        #expect(Naming.snakeCase("quote_status") == "quote_status")
        #expect(Naming.snakeCase("") == "")
    }

    @Test func camelCase() {
        #expect(Naming.camelCase("total_amount") == "totalAmount")
        #expect(Naming.camelCase("owner_id") == "ownerID")
        #expect(Naming.camelCase("id") == "id")
        #expect(Naming.camelCase("user_id_hash") == "userIDHash")
        #expect(Naming.camelCase("address_2") == "address2")
        #expect(Naming.camelCase("_") == "_")
    }

    @Test func pascalCase() {
        #expect(Naming.pascalCase("quote_status") == "QuoteStatus")
        #expect(Naming.pascalCase("owner_id") == "OwnerID")
        #expect(Naming.pascalCase("") == "")
    }

    @Test func tableNames() {
        #expect(Naming.tableName(forEntity: "AnalyticsEvent") == "analytics_events")
        #expect(Naming.tableName(forEntity: "User") == "users")
        #expect(Naming.tableName(forEntity: "Category") == "categories")
        #expect(Naming.tableName(forEntity: "Day") == "days")
        #expect(Naming.tableName(forEntity: "Address") == "addresses")
        #expect(Naming.tableName(forEntity: "Box") == "boxes")
        #expect(Naming.tableName(forEntity: "Batch") == "batches")
        #expect(Naming.tableName(forEntity: "Wish") == "wishes")
    }

    @Test func sqlIdentifiers() {
        #expect(Naming.isValidSQLIdentifier("owner_id"))
        #expect(Naming.isValidSQLIdentifier("_x9"))
        #expect(!Naming.isValidSQLIdentifier(""))
        #expect(!Naming.isValidSQLIdentifier("9x"))
        #expect(!Naming.isValidSQLIdentifier("Owner"))
        #expect(!Naming.isValidSQLIdentifier("a-b"))
        #expect(!Naming.isValidSQLIdentifier("é"))
        #expect(Naming.isValidSQLIdentifier(String(repeating: "a", count: 63)))
        #expect(!Naming.isValidSQLIdentifier(String(repeating: "a", count: 64)))
    }

    @Test func swiftTypeNames() {
        #expect(Naming.isValidSwiftTypeName("QuoteStatus"))
        #expect(Naming.isValidSwiftTypeName("V2"))
        #expect(!Naming.isValidSwiftTypeName("quoteStatus"))
        #expect(!Naming.isValidSwiftTypeName("Quote_Status"))
        #expect(!Naming.isValidSwiftTypeName(""))
        #expect(!Naming.isValidSwiftTypeName("Ünicode"))
    }

    @Test func indexNames() {
        #expect(Naming.indexName(table: "quotes", columns: ["owner_id", "created_at"], isUnique: false)
            == "quotes_owner_id_created_at_idx")
        #expect(Naming.indexName(table: "users", columns: ["email"], isUnique: true) == "users_email_key")
        let long = Naming.indexName(table: String(repeating: "t", count: 40),
                                    columns: [String(repeating: "c", count: 40)], isUnique: false)
        #expect(long.utf8.count == 63)
        #expect(long.hasSuffix("_idx"))
        #expect(Naming.isValidSQLIdentifier(long))
        let again = Naming.indexName(table: String(repeating: "t", count: 40),
                                     columns: [String(repeating: "c", count: 40)], isUnique: false)
        #expect(long == again)
        let other = Naming.indexName(table: String(repeating: "t", count: 40),
                                     columns: [String(repeating: "c", count: 41)], isUnique: false)
        #expect(long != other)
    }
}
