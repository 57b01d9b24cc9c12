import Testing
@testable import RepogenCore

/// `cache: { queries: }`: both spellings decode into per-kind TTLs, and the policy renders them.
@Suite struct QueryCacheSchemaTests {
    static func cache(_ spelling: String) throws -> EntityCache? {
        let yaml = """
            version: 1
            entities:
              User:
                cache: \(spelling)
                fields:
                  id: { type: int, primary: true }
            """
        let result = SchemaReader.read(yaml: yaml, file: "schema.yaml")
        #expect(result.diagnostics.isEmpty)
        return try #require(result.schema).entities.first?.cache
    }

    @Test func secondsCacheEveryKind() throws {
        let cache = try Self.cache("{ ttl: 60, queries: 30 }")
        #expect(cache?.queries == EntityCache.QueryTTLs(find: 30, count: 30, exists: 30))
    }

    @Test func aMappingCachesOnlyTheKindsItNames() throws {
        let cache = try Self.cache("{ queries: { count: 5 } }")
        #expect(cache == EntityCache(ttl: 60, tier: .l1, queries: EntityCache.QueryTTLs(count: 5)))
        #expect(try Self.cache("{ ttl: 60 }")?.queries == nil)
    }

    @Test func thePolicyCarriesTheTTLs() throws {
        let yaml = """
            version: 1
            entities:
              User:
                cache: { ttl: 60, queries: { find: 30, exists: 5 } }
                fields:
                  id: { type: int, primary: true }
            """
        let schema = try #require(SchemaReader.read(yaml: yaml, file: "schema.yaml").schema)
        let policy = CacheText.policy(try #require(schema.entities.first), cascades: [])
        #expect(policy.declaration.map(\.line).joined(separator: " ").contains(
            "queries: QueryCacheTTLs(find: .seconds(30), exists: .seconds(5))"))
        #expect(policy.doc.contains("queries: { find: 30, exists: 5 }"))
    }
}
