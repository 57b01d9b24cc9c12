import FeatureRelations
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// The walks of the self-referencing `Category.parent` on real PostgreSQL: one statement each, rows in depth order
/// with their depth, a maximum depth, and a cycle in the data that ends the walk instead of looping.
@Suite struct TreeWalkTests {
    /// root → a → b → c, root → a2, and x ⇄ y (a cycle, made by pointing x back at y after both exist).
    struct Forest {
        let root: Category, a: Category, a2: Category, b: Category, c: Category, x: Category, y: Category
    }

    func forest(_ db: Database) async throws -> Forest {
        let root = try await db.categories.create(NewCategory(name: "root"))
        let a = try await db.categories.create(NewCategory(name: "a", parentID: root.id))
        let a2 = try await db.categories.create(NewCategory(name: "a2", parentID: root.id))
        let b = try await db.categories.create(NewCategory(name: "b", parentID: a.id))
        let c = try await db.categories.create(NewCategory(name: "c", parentID: b.id))
        let x = try await db.categories.create(NewCategory(name: "x"))
        let y = try await db.categories.create(NewCategory(name: "y", parentID: x.id))
        let cycled = try await db.categories.update(id: x.id, CategoryPatch(parentID: .some(y.id)))
        return Forest(root: root, a: a, a2: a2, b: b, c: c, x: cycled, y: y)
    }

    func names(_ rows: [TreeRow<Category>]) -> [String] {
        rows.map { "\($0.depth):\($0.row.name)" }
    }

    @Test func descendantsComeInDepthOrderInOneStatement() async throws {
        try await withTestDatabase(migrations: FeatureRelationsSchema.migrations) { db in
            let f = try await forest(db)
            let (all, statements) = try await counting(db) { try await db.categories.descendants(of: f.root.id) }
            #expect(statements == 1)
            #expect(names(all) == ["1:a", "1:a2", "2:b", "3:c"])
            #expect(names(try await db.categories.descendants(of: f.root.id, maxDepth: 2)) == ["1:a", "1:a2", "2:b"])
            #expect(try await db.categories.descendants(of: f.root.id, maxDepth: 0).isEmpty)
            #expect(try await db.categories.descendants(of: f.c.id).isEmpty)
        }
    }

    @Test func ancestorsWalkUpToTheRoot() async throws {
        try await withTestDatabase(migrations: FeatureRelationsSchema.migrations) { db in
            let f = try await forest(db)
            let (all, statements) = try await counting(db) { try await db.categories.ancestors(of: f.c.id) }
            #expect(statements == 1)
            #expect(names(all) == ["1:b", "2:a", "3:root"])
            #expect(names(try await db.categories.ancestors(of: f.c.id, maxDepth: 1)) == ["1:b"])
            #expect(try await db.categories.ancestors(of: f.root.id).isEmpty)
        }
    }

    @Test func aCycleInTheDataEndsTheWalk() async throws {
        try await withTestDatabase(migrations: FeatureRelationsSchema.migrations) { db in
            let f = try await forest(db)
            #expect(f.x.parentID == f.y.id && f.y.parentID == f.x.id)
            let (down, statements) = try await counting(db) { try await db.categories.descendants(of: f.x.id) }
            #expect(statements == 1)
            #expect(names(down) == ["1:y"])
            #expect(names(try await db.categories.ancestors(of: f.y.id)) == ["1:x"])
            #expect(names(try await db.categories.ancestors(of: f.y.id, maxDepth: 1_000_000)) == ["1:x"])
        }
    }

    @Test func softDeletedRowsAndTheirSubtreesAreLeftOut() async throws {
        try await withTestDatabase(migrations: FeatureRelationsSchema.migrations) { db in
            let f = try await forest(db)
            #expect(try await db.categories.delete(id: f.a.id))
            #expect(names(try await db.categories.descendants(of: f.root.id)) == ["1:a2"])
            #expect(names(try await db.categories.ancestors(of: f.c.id)) == ["1:b"])
            #expect(try await db.categories.descendants(of: f.a.id).isEmpty)
            let parents = try await db.categories.loadParent(for: [f.b, f.a2])
            #expect(parents.keys.sorted() == [f.root.id])
            let withDeleted = try await db.categories.loadParent(for: [f.b, f.a2], includeDeleted: true)
            #expect(withDeleted.keys.sorted() == [f.root.id, f.a.id].sorted())
            let children = try await db.categories.loadChildren(for: [f.root])
            #expect(children[f.root.id]?.map(\.name) == ["a2"])
        }
    }

    @Test func aNegativeDepthIsRefusedBeforeAnythingIsSent() async throws {
        try await withTestDatabase(migrations: FeatureRelationsSchema.migrations) { db in
            let root = try await db.categories.create(NewCategory(name: "root"))
            let (_, statements) = try await counting(db) {
                await #expect(throws: RepogenError.self) {
                    try await db.categories.descendants(of: root.id, maxDepth: -1)
                }
            }
            #expect(statements == 0)
        }
    }

    @Test func theTreeIncludesItsParentsAndChildren() async throws {
        try await withTestDatabase(migrations: FeatureRelationsSchema.migrations) { db in
            let f = try await forest(db)
            let include = CategoryInclude(parent: CategoryInclude(parent: CategoryInclude()), children: CategoryInclude())
            let (nodes, statements) = try await counting(db) {
                try await db.categories.include(include, for: [f.b, f.c, f.x])
            }
            #expect(statements == 3)   // parents, their parents, children
            #expect(nodes.map { $0.parent?.row.name } == ["a", "b", "y"])
            #expect(nodes.map { $0.parent?.parent?.row.name } == ["root", "a", "x"])
            #expect(nodes.map { $0.children?.map(\.row.name) } == [["c"], [], ["y"]])
        }
    }
}
