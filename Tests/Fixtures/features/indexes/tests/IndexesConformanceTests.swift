import FeatureIndexes
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// The same assertions on PostgreSQL and on the in-memory repositories (issue 20) for a soft-deleted entity with a
/// unique field (unique among live rows: a partial index) and a declared unique index (unique among all rows): which
/// writes each of them refuses, and how the three upserts treat a deleted row holding their key.
@Suite struct IndexesConformanceTests {
    /// The error `body` throws, as a `RepogenError`, recording an issue when there is none.
    static func refusal(_ body: () async throws -> Void) async -> RepogenError? {
        do {
            try await body()
            Issue.record("expected a RepogenError, nothing was thrown")
        } catch let error as RepogenError {
            return error
        } catch {
            Issue.record("expected a RepogenError, got \(error)")
        }
        return nil
    }

    static func expectUnique(_ error: RepogenError?, _ constraint: String, _ fields: [String]) {
        #expect(error?.violation == .unique && error?.sqlState == "23505", "\(constraint)")
        #expect(error?.constraint == constraint && error?.fields == fields)
    }

    @Test(arguments: RepositoryBackend.allCases)
    func liveAndAllRowUniquesRefuseTheirOwnClashes(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let (ann, bob) = (UUID(), UUID())
            let made = try await repos.listings.createMany([
                NewListing(seller: ann, sku: "A-1", price: 10, tags: ["red"]),
                NewListing(seller: bob, sku: "B-1", price: Decimal(string: "5.5")!),
            ])
            #expect(made[0].tags == ["red"] && made[1].tags == [] && made[1].price == Decimal(string: "5.50"))
            Self.expectUnique(await Self.refusal {
                _ = try await repos.listings.create(NewListing(seller: bob, sku: "A-1", price: 1))
            }, "listings_sku_key", ["sku"])
            #expect(try await repos.listings.delete(id: made[0].id))
            let other = try await repos.listings.create(NewListing(seller: bob, sku: "A-1", price: 2))
            Self.expectUnique(await Self.refusal {
                _ = try await repos.listings.create(NewListing(seller: ann, sku: "A-1", price: 3))
            }, "listings_seller_sku_key", ["seller", "sku"])
            Self.expectUnique(await Self.refusal { _ = try await repos.listings.restore(id: made[0].id) },
                              "listings_sku_key", ["sku"])
            Self.expectUnique(await Self.refusal {
                _ = try await repos.listings.update(id: made[1].id, ListingPatch(sku: "A-1"))
            }, "listings_seller_sku_key", ["seller", "sku"])
            Self.expectUnique(await Self.refusal {
                _ = try await repos.listings.update(id: other.id, set: [Listing.seller.set(ann)])
            }, "listings_seller_sku_key", ["seller", "sku"])
            #expect(try await repos.listings.hardDelete(id: other.id))
            #expect(try await repos.listings.restore(id: made[0].id))
            #expect(try await repos.listings.find(id: made[0].id) == made[0])
            #expect(try await repos.listings.find(where: Listing.tags.contains(["red"])).map(\.id) == [made[0].id])
            #expect(try await repos.listings.count() == 2)
        }
    }

    @Test(arguments: RepositoryBackend.allCases)
    func upsertsTreatADeletedHolderByTheirKey(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let (ann, bob) = (UUID(), UUID())
            let gone = try await repos.listings.create(NewListing(seller: ann, sku: "A-1", price: 10))
            #expect(try await repos.listings.delete(id: gone.id))
            let byID = await Self.refusal {
                _ = try await repos.listings.upsert(NewListing(seller: ann, sku: "Z", price: 1, id: gone.id))
            }
            #expect(byID?.violation == .unique && byID?.fields == ["id"] && byID?.sqlState == nil)
            let byPair = await Self.refusal {
                _ = try await repos.listings.upsertBySellerAndSku(NewListing(seller: ann, sku: "A-1", price: 1))
            }
            #expect(byPair?.violation == .unique && byPair?.fields == ["seller", "sku"] && byPair?.sqlState == nil)
            Self.expectUnique(await Self.refusal {
                _ = try await repos.listings.upsertBySku(NewListing(seller: ann, sku: "A-1", price: 1))
            }, "listings_seller_sku_key", ["seller", "sku"])
            let fresh = try await repos.listings.upsertBySku(NewListing(seller: bob, sku: "A-1", price: 2))
            #expect(fresh.id != gone.id && fresh.deletedAt == nil)
            let moved = try await repos.listings.upsertBySku(NewListing(seller: bob, sku: "A-1", price: 3, id: UUID()))
            #expect(moved.id == fresh.id && moved.price == 3)
            Self.expectUnique(await Self.refusal {
                _ = try await repos.listings.upsertBySku(NewListing(seller: ann, sku: "A-1", price: 4))
            }, "listings_seller_sku_key", ["seller", "sku"])
            let repriced = try await repos.listings.upsertBySellerAndSku(
                NewListing(seller: bob, sku: "A-1", price: 5, tags: ["x"]))
            #expect(repriced.id == fresh.id && repriced.price == 5 && repriced.tags == ["x"])
            #expect(try await repos.listings.count() == 1)
            #expect(try await repos.listings.count(includeDeleted: true) == 2)
            #expect(try await repos.listings.findAll(includeDeleted: true).count == 2)
            #expect(try await repos.listings.exists(id: gone.id, includeDeleted: true))
            #expect(try await !repos.listings.exists(id: gone.id))
        }
    }
}

private extension RepositoryBackend {
    /// Runs `body` on fresh FeatureIndexes repositories of this backend.
    func run(_ body: (any FeatureIndexesRepositoriesProtocol) async throws -> Void) async throws {
        try await run(
            migrations: FeatureIndexesSchema.migrations, postgres: { FeatureIndexesRepositories($0) },
            memory: { InMemoryFeatureIndexesRepositories() }, body)
    }
}
