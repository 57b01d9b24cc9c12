import Testing
@testable import RepogenCore

/// What `create<Entity>` takes and fills, decided by `FactoriesContext` from the schema: parents created first unless
/// their required chain comes back round, parameter names clear of the method's locals, and which fields get a
/// numbered value.
@Suite struct FactoriesContextTests {
    static func methods(_ yaml: String) throws -> [String: FactoriesContext.Method] {
        let result = SchemaReader.read(yaml: yaml, file: "schema.yaml")
        let schema = try #require(result.schema, "\(result.diagnostics.map(\.description))")
        let context = FactoriesContext(schema: schema, namespace: "App", sourceFile: "schema.yaml")
        return Dictionary(uniqueKeysWithValues: context.methods.map { ($0.name, $0) })
    }

    @Test func aRequiredCycleMustBeGivenWhileAChainThatEndsIsCreatedFirst() throws {
        let methods = try Self.methods("""
            version: 1
            entities:
              Egg:
                fields:
                  id:      { type: uuid, primary: true, default: random }
                  chicken: { belongs_to: Chicken }
              Chicken:
                fields:
                  id:  { type: uuid, primary: true, default: random }
                  egg: { belongs_to: Egg }
              Nest:
                fields:
                  id:    { type: uuid, primary: true, default: random }
                  owner: { belongs_to: Owner }
                  egg:   { belongs_to: Egg, optional: true }
              Owner:
                fields:
                  id: { type: uuid, primary: true, default: random }
            """)
        #expect(methods["createEgg"]?.parameters == ["chicken: Chicken,"])
        #expect(methods["createChicken"]?.parameters == ["egg: Egg,"])
        #expect(methods["createNest"]?.parameters == ["owner: Owner? = nil,", "egg: Egg? = nil,"])
        let nest = try #require(methods["createNest"]).body
        #expect(nest.contains("let owner = if let owner { owner } else { try await self.createOwner() }"))
        #expect(nest.contains("    ownerID: owner.id,") && nest.contains("    eggID: egg?.id"))
        #expect(!nest.contains { $0.contains("number") })
    }

    @Test func parentsNamedLikeLocalsAreRenamedClearOfOneAnother() throws {
        let methods = try Self.methods("""
            version: 1
            entities:
              Box:
                fields:
                  id: { type: bigint, primary: true, default: identity }
              Item:
                fields:
                  id:           { type: bigint, primary: true, default: identity }
                  input:        { belongs_to: Box, optional: true }
                  input_parent: { belongs_to: Box, optional: true }
                  number:       { belongs_to: Box, optional: true }
                  class:        { belongs_to: Box, optional: true }
            """)
        let item = try #require(methods["createItem"])
        #expect(item.parameters == [
            "inputParentParent: Box? = nil,", "inputParent: Box? = nil,", "numberParent: Box? = nil,",
            "`class`: Box? = nil,",
        ])
        #expect(item.body.contains("    classID: `class`?.id"))
    }

    @Test func requiredAndUniqueFieldsAreNumberedAndTheRestLeftToTheirDefaults() throws {
        let methods = try Self.methods("""
            version: 1
            enums:
              Size: [small, large]
            entities:
              Part:
                fields:
                  code:  { type: string, max: 8, primary: true }
                  size:  { type: Size }
                  slug:  { type: text, unique: true, default: "x" }
                  batch: { type: int, default: "1" }
                  lot:   { type: int, default: "1" }
                  note:  { type: text, optional: true }
                indexes:
                  - { columns: [batch, code], unique: true }
            """)
        let body = try #require(methods["createPart"]).body
        #expect(body.first == "let number = self.sequence.next()")
        #expect(body.contains("    code: FactoryValue.string(\"code\", number, maxLength: 8),"))
        #expect(body.contains("    size: FactoryValue.element(of: Size.allCases, number),"))
        #expect(body.contains("    slug: FactoryValue.string(\"slug\", number),"))
        #expect(body.contains("    batch: FactoryValue.int32(number)"))
        #expect(!body.contains { $0.contains("lot:") || $0.contains("note:") })
    }
}
