import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Every by-key operation of `User` and `Label` on both backends: listing in key order, patches and assignments,
/// upserts by key and by unique field, deletes, and the constraint errors each of them can meet.
@Suite struct ConformanceEntityTests {
    @Test(arguments: Backend.allCases)
    func usersAreListedInKeyOrderAndPaged(_ backend: Backend) async throws {
        try await backend.run { repos in
            let inputs = [("cy", nil), ("ab", UserRole.admin), ("bo", nil)].map { name, role in
                NewUser(email: "\(name)@example.com", displayName: name, role: role)
            }
            let made = try await repos.users.createMany(inputs)
            #expect(made.map(\.displayName) == ["cy", "ab", "bo"] && made.map(\.role) == [.member, .admin, .member])
            #expect(made.allSatisfy { $0.createdAt == $0.updatedAt })
            let ordered = Seed.inKeyOrder(made)
            #expect(try await repos.users.findAll() == ordered)
            #expect(try await repos.users.findAll(limit: 2) == Array(ordered.prefix(2)))
            #expect(try await repos.users.findAll(offset: 2) == [ordered[2]])
            #expect(try await repos.users.findAll(limit: 0).isEmpty)
            #expect(try await repos.users.findAll(limit: 5, offset: 3).isEmpty)
            let limit = await repogenError { _ = try await repos.users.findAll(limit: -1) }
            #expect(limit?.kind == .queryFailed && limit?.sqlState == "2201W")
            let offset = await repogenError { _ = try await repos.users.findAll(offset: -1) }
            #expect(offset?.kind == .queryFailed && offset?.sqlState == "2201X")
        }
    }

    @Test(arguments: Backend.allCases)
    func usersArePatchedAssignedAndDeleted(_ backend: Backend) async throws {
        try await backend.run { repos in
            let ada = try await Seed.user(repos, "ada")
            let bob = try await Seed.user(repos, "bob")
            let patched = try await repos.users.update(id: ada.id, UserPatch(email: "lovelace@example.com", role: .admin))
            #expect(patched.email == "lovelace@example.com" && patched.displayName == "Ada" && patched.role == .admin)
            #expect(patched.createdAt == ada.createdAt && patched.updatedAt >= ada.updatedAt)
            #expect(try await repos.users.find(id: ada.id) == patched)
            #expect(try await repos.users.findByEmail("ada@example.com") == nil)
            let untouched = try await repos.users.update(id: ada.id, UserPatch())
            #expect(untouched.email == patched.email && untouched.role == .admin)
            #expect(untouched.updatedAt >= patched.updatedAt)
            let assigned = try await repos.users.update(
                id: ada.id, set: [User.role.set(.member), User.displayName.set("Lovelace")])
            #expect(assigned.role == .member && assigned.displayName == "Lovelace" && assigned.email == patched.email)
            #expect(assigned.updatedAt >= untouched.updatedAt && assigned.createdAt == ada.createdAt)
            let taken = await repogenError { _ = try await repos.users.update(id: bob.id, UserPatch(email: patched.email)) }
            #expect(ErrorShape(taken) == ErrorShape(
                .constraintViolation, .unique, sqlState: "23505", constraint: "users_email_key", fields: ["email"]))
            let takenBySet = await repogenError {
                _ = try await repos.users.update(id: bob.id, set: [User.email.set(patched.email)])
            }
            #expect(ErrorShape(takenBySet) == ErrorShape(taken))
            #expect(try await repos.users.find(id: bob.id) == bob)
            #expect(try await repos.users.exists(id: bob.id))
            #expect(try await repos.users.delete(id: bob.id))
            #expect(try await !repos.users.exists(id: bob.id))
            #expect(try await !repos.users.delete(id: bob.id))
            #expect(try await repos.users.findAll() == [assigned])
        }
    }

    @Test(arguments: Backend.allCases)
    func labelsAreListedPatchedAssignedAndDeleted(_ backend: Backend) async throws {
        try await backend.run { repos in
            let made = try await repos.labels.createMany([NewLabel(name: "vip"), NewLabel(name: "late", id: UUID())])
            #expect(made.map(\.name) == ["vip", "late"])
            #expect(try await repos.labels.findAll() == Seed.inKeyOrder(made))
            #expect(try await repos.labels.findAll(limit: 1, offset: 1) == [Seed.inKeyOrder(made)[1]])
            let twice = await repogenError {
                _ = try await repos.labels.createMany([NewLabel(name: "new"), NewLabel(name: "vip")])
            }
            #expect(ErrorShape(twice) == ErrorShape(
                .constraintViolation, .unique, sqlState: "23505", constraint: "labels_name_key", fields: ["name"]))
            #expect(try await repos.labels.count() == 2)
            let renamed = try await repos.labels.update(id: made[0].id, LabelPatch(name: "VIP"))
            #expect(renamed == Label(id: made[0].id, name: "VIP"))
            #expect(try await repos.labels.update(id: made[0].id, LabelPatch()) == renamed)
            let assigned = try await repos.labels.update(id: made[1].id, set: [Label.name.set("later")])
            #expect(assigned == Label(id: made[1].id, name: "later"))
            let clash = await repogenError { _ = try await repos.labels.update(id: made[1].id, LabelPatch(name: "VIP")) }
            #expect(ErrorShape(clash) == ErrorShape(twice))
            let clashBySet = await repogenError {
                _ = try await repos.labels.update(id: made[1].id, set: [Label.name.set("VIP")])
            }
            #expect(ErrorShape(clashBySet) == ErrorShape(twice))
            let long = await repogenError {
                _ = try await repos.labels.update(id: made[1].id, LabelPatch(name: String(repeating: "x", count: 65)))
            }
            #expect(ErrorShape(long) == ErrorShape(.validationFailed, .tooLong, fields: ["name"]))
            #expect(try await repos.labels.exists(id: made[0].id))
            #expect(try await repos.labels.delete(id: made[0].id))
            #expect(try await !repos.labels.delete(id: made[0].id))
            #expect(try await !repos.labels.exists(id: made[0].id))
            #expect(try await repos.labels.findAll() == [assigned])
        }
    }

    @Test(arguments: Backend.allCases)
    func uniqueKeysCompareTextByItsBytes(_ backend: Backend) async throws {
        try await backend.run { repos in
            // Canonically equivalent to Swift, two different strings to PostgreSQL (and to a C-collation index).
            let (composed, decomposed) = ("caf\u{e9}", "cafe\u{301}")
            let labels = try await repos.labels.createMany([NewLabel(name: composed), NewLabel(name: decomposed)])
            #expect(labels.map(\.name.unicodeScalars.count) == [4, 5])
            let again = try await repos.labels.upsertByName(NewLabel(name: decomposed))
            #expect(again.id == labels[1].id)
            let renamed = try await repos.labels.update(id: labels[0].id, LabelPatch(name: "cafe"))
            #expect(try await repos.labels.update(id: renamed.id, set: [Label.name.set(composed)]) == labels[0])
            let users = try await repos.users.createMany([
                NewUser(email: composed + "@example.com", displayName: "a"),
                NewUser(email: decomposed + "@example.com", displayName: "b"),
            ])
            #expect(try await repos.users.findByEmail(decomposed + "@example.com") == users[1])
            #expect(try await repos.users.upsertByEmail(NewUser(email: composed + "@example.com", displayName: "c")).id
                == users[0].id)
        }
    }

    @Test(arguments: Backend.allCases)
    func labelUpsertsInsertOverwriteOrClash(_ backend: Backend) async throws {
        try await backend.run { repos in
            let drawn = try await repos.labels.upsert(NewLabel(name: "vip"))
            #expect(try await repos.labels.find(id: drawn.id) == drawn)
            let given = UUID()
            let inserted = try await repos.labels.upsert(NewLabel(name: "late", id: given))
            #expect(inserted == Label(id: given, name: "late"))
            let overwritten = try await repos.labels.upsert(NewLabel(name: "later", id: given))
            #expect(overwritten == Label(id: given, name: "later"))
            #expect(try await repos.labels.count() == 2)
            let clash = await repogenError { _ = try await repos.labels.upsert(NewLabel(name: "vip", id: given)) }
            #expect(ErrorShape(clash) == ErrorShape(
                .constraintViolation, .unique, sqlState: "23505", constraint: "labels_name_key", fields: ["name"]))
            let fresh = await repogenError { _ = try await repos.labels.upsert(NewLabel(name: "vip")) }
            #expect(ErrorShape(fresh) == ErrorShape(clash))
            let byName = try await repos.labels.upsertByName(NewLabel(name: "vip", id: given))
            #expect(byName == drawn)
            let newName = try await repos.labels.upsertByName(NewLabel(name: "new", id: UUID()))
            #expect(try await repos.labels.find(id: newName.id) == newName && newName.name == "new")
            let keyHeld = await repogenError { _ = try await repos.labels.upsertByName(NewLabel(name: "other", id: given)) }
            #expect(ErrorShape(keyHeld) == ErrorShape(
                .constraintViolation, .unique, sqlState: "23505", constraint: "labels_pkey", fields: ["id"]))
            #expect(Set(try await repos.labels.findAll().map(\.name)) == ["vip", "later", "new"])
        }
    }
}
