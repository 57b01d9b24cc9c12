import FeatureKeywords
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// The same assertions on PostgreSQL and on the in-memory repositories (issue 20) for columns, an enum and a table
/// named like SQL and Swift keywords (quoted in SQL, kept quoted in the in-memory rows): defaults, finders,
/// predicates and orderings on them, patches and assignments, a 32-bit column's range, and the cascades between
/// the three tables.
@Suite struct KeywordsConformanceTests {
    @Test(arguments: RepositoryBackend.allCases)
    func keywordColumnsAreWrittenFoundAndOrdered(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let plain = try await repos.courses.create(NewCourse(class: "plain"))
            #expect(plain.default == .default && plain.where == 0 && !plain.in && plain.protocol == nil)
            let made = try await repos.courses.createMany([
                NewCourse(class: "a", default: .open, where: 2, in: true),
                NewCourse(class: "b", default: .open, where: 2, in: false, return: CalendarDate(year: 2026, month: 1, day: 2)),
                NewCourse(class: "c", default: .open, protocol: "p", where: 2, in: true),
                NewCourse(class: "d", default: .class, where: 2),
            ])
            #expect(try await repos.courses.findByClass("b") == made[1])
            #expect(try await repos.courses.findByClass("B") == nil)
            let open = try await repos.courses.findByDefault(.open, where: 2)
            let trueFirst = made[0..<3].sorted { left, right in
                left.in != right.in ? left.in : left.id.uuidString.lowercased() < right.id.uuidString.lowercased()
            }
            #expect(open == trueFirst)
            let third = try await repos.courses.findByDefault(.open, where: 2, page: PageRequest(limit: 1, offset: 2))
            #expect(third == [made[1]])
            #expect(try await repos.courses.findByDefault(.open, where: 3).isEmpty)
            let byGrade = try await repos.courses.find(where: .all, orderBy: [Course.default.ascending, Course.class.descending])
            #expect(byGrade.map(\.class) == ["d", "plain", "c", "b", "a"])
            #expect(try await repos.courses.count(where: Course.in == true && Course.where >= 2) == 2)
            #expect(try await repos.courses.find(where: Course.protocol.isNull && Course.return.isNull).map(\.class).sorted()
                == ["a", "d", "plain"])
        }
    }

    @Test(arguments: RepositoryBackend.allCases)
    func keywordColumnsArePatchedAndAssigned(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let course = try await repos.courses.create(NewCourse(class: "a", protocol: "p", where: Int32.max - 1))
            let patched = try await repos.courses.update(id: course.id, CoursePatch(default: .in, protocol: .some(nil), in: true))
            #expect(patched.default == .in && patched.protocol == nil && patched.in && patched.where == .max - 1)
            let raised = try await repos.courses.update(id: course.id, set: [Course.where.increment(by: 1)])
            #expect(raised.where == .max)
            do {
                _ = try await repos.courses.update(id: course.id, set: [Course.where.increment(by: 1)])
                Issue.record("an overflow was accepted")
            } catch let error as RepogenError {
                #expect(error.violation == .outOfRange && error.fields == ["where"])
            }
            let upserted = try await repos.courses.upsertByClass(NewCourse(class: "a", id: UUID(), default: .open))
            #expect(upserted.id == course.id && upserted.default == .open && upserted.where == 0 && !upserted.in)
            do {
                _ = try await repos.courses.create(NewCourse(class: "a"))
                Issue.record("a class was taken twice")
            } catch let error as RepogenError {
                #expect(error.violation == .unique && error.constraint == "courses_class_key" && error.fields == ["class"])
            }
            #expect(try await repos.courses.findAll() == [upserted])
        }
    }

    @Test(arguments: RepositoryBackend.allCases)
    func cascadesAndSetNullFollowTheKeys(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let course = try await repos.courses.create(NewCourse(class: "a"))
            let lesson = try await repos.lessons.create(NewLesson(courseID: course.id, import: "x"))
            #expect(lesson.repeat == 1)
            let root = try await repos.include.create(NewStep(lessonID: lesson.id))
            let child = try await repos.include.create(NewStep(lessonID: lesson.id, defaultID: root.id))
            #expect(child.id == root.id + 1 && child.defaultID == root.id)
            do {
                _ = try await repos.include.update(id: child.id, StepPatch(defaultID: .some(child.id + 10)))
                Issue.record("a step named a parent that does not exist")
            } catch let error as RepogenError {
                #expect(error.violation == .foreignKey && error.constraint == "include_default_id_fkey")
                #expect(error.fields == ["defaultID"])
            }
            #expect(try await repos.include.delete(id: root.id))
            #expect(try await repos.include.find(id: child.id)?.defaultID == nil)
            let again = try await repos.lessons.update(
                id: lesson.id, set: [Lesson.repeat.increment(by: 2), Lesson.import.set("y")])
            #expect(again.repeat == 3 && again.import == "y")
            #expect(try await repos.courses.delete(id: course.id))
            #expect(try await repos.lessons.count() == 0)
            #expect(try await repos.include.count() == 0)
        }
    }
}

private extension RepositoryBackend {
    /// Runs `body` on fresh FeatureKeywords repositories of this backend.
    func run(_ body: (any FeatureKeywordsRepositoriesProtocol) async throws -> Void) async throws {
        try await run(
            migrations: FeatureKeywordsSchema.migrations, postgres: { FeatureKeywordsRepositories($0) },
            memory: { InMemoryFeatureKeywordsRepositories() }, body)
    }
}
