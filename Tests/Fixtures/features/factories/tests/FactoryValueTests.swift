import FeatureFactories
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// The generated factories on real PostgreSQL, for every field type: each row's values are valid for their columns
/// (lengths, precision, enum labels, unique constraints) and read back as generated.
@Suite struct FactoryValueTests {
    @Test func everyFieldTypeGetsAValidValueUniqueWhereTheColumnIsUnique() async throws {
        try await withTestDatabase(migrations: FeatureFactoriesSchema.migrations) { db in
            let make = FeatureFactoriesFactories(FeatureFactoriesRepositories(db), sequence: FactorySequence())
            let account = try await make.createAccount()
            var samples: [Sample] = []
            // More rows than two digits hold, so `tiny` (max 4) drops its name part and the decimals wrap.
            for _ in 0..<150 {
                samples.append(try await make.createSample(account: account))
            }
            #expect(try await db.accounts.count() == 1)
            #expect(Set(samples.map(\.id)).count == 150 && Set(samples.map(\.tiny)).count == 150)
            #expect(Set(samples.map(\.rank)).count == 150 && Set(samples.map(\.token)).count == 150)
            #expect(Set(samples.map(\.slug)).count == 150 && samples.allSatisfy { $0.slug != "none" })
            #expect(samples.allSatisfy { $0.tiny.count <= 4 && $0.accountID == account.code })
            #expect(samples.allSatisfy { $0.inputID == nil && $0.parentID == nil && $0.note == nil })
            #expect(samples.allSatisfy { $0.weight == 7 && $0.fraction < 1 && $0.ratio < 100 })
            for sample in samples {
                #expect(try await db.samples.find(id: sample.id) == sample)
            }
        }
    }

    @Test func keysAndShortStringsFitTheirColumns() async throws {
        try await withTestDatabase(migrations: FeatureFactoriesSchema.migrations) { db in
            let make = FeatureFactoriesFactories(FeatureFactoriesRepositories(db), sequence: FactorySequence())
            var accounts: [Account] = []
            for _ in 0..<40 { accounts.append(try await make.createAccount()) }
            #expect(Set(accounts.map(\.code)).count == 40)
            #expect(accounts.allSatisfy { $0.code.count <= 12 && $0.name.count <= 3 && $0.initial.count == 1 })
        }
    }

    @Test func anOptionalParentIsSetOnlyWhenGivenAndOneNamedLikeALocalIsRenamed() async throws {
        try await withTestDatabase(migrations: FeatureFactoriesSchema.migrations) { db in
            let make = FeatureFactoriesFactories(FeatureFactoriesRepositories(db), sequence: FactorySequence())
            let first = try await make.createSample()
            let other = try await make.createAccount()
            let child = try await make.createSample(inputParent: other, parent: first)
            #expect(child.inputID == other.code && child.parentID == first.id)
            #expect(try await db.accounts.count() == 3)
        }
    }

    @Test func aParentWhoseChainComesBackMustBeGiven() async throws {
        try await withTestDatabase(migrations: FeatureFactoriesSchema.migrations) { db in
            let id = UUID()
            let root = try await db.nodes.create(NewNode(rootID: id, id: id))
            let make = FeatureFactoriesFactories(FeatureFactoriesRepositories(db))
            let leaf = try await make.createNode(root: root)
            #expect(leaf.rootID == root.id && leaf.id != root.id)
            #expect(try await db.nodes.count() == 2)
        }
    }
}
