/// `update(id:set:)` and, for a versioned entity, `update(id:expectedVersion:set:)`: typed assignments
/// (`Quote.totalAmount.increment(by: 10)`) on one row, through the runtime's `updateManyReturning(where:set:)`, so
/// audit rows, tenant scoping, `updated_at` and `version` behave as for every other update.
extension EntityContext {
    static func assignmentUpdateMethods(_ entity: Entity, tenantKeyBinds: [Bind]) -> [MethodText] {
        guard !entity.behaviours.appendOnly else { return [] }
        let name = entity.name
        let key = "\(name).\(SwiftLiteral.identifier(entity.primaryKey.swiftName)) == id"
        let keyType = entity.primaryKey.type.swiftType
        let assignments = "set assignments: [Assignment<\(name)>]"
        let notFound = "RepogenError.notFound(\(SwiftLiteral.string(name)))"
        var methods = [
            MethodText(
                doc: DocComment.wrapped(
                    "Applies `assignments` (`\(name).someColumn.increment(by: 1)`, `.set(value)`) to the live row "
                        + "with `id` in one statement and returns it as written; throws `.notFound` when there is "
                        + "none."),
                signature: signature("update", "id: \(keyType), \(assignments)", returns: name),
                body: [
                    Bind(line: "guard let row = try await updateManyReturning(where: \(key), set: assignments)"
                        + ".first else {"),
                    Bind(line: "    throw \(notFound)"), Bind(line: "}"), Bind(line: "return row"),
                ])
        ]
        guard entity.behaviours.versioned, let version = entity.field(withRole: .version) else { return methods }
        let versionType = version.type.swiftType
        let expected = "\(key) && \(name).\(SwiftLiteral.identifier(version.swiftName)) == expectedVersion"
        methods.append(MethodText(
            doc: DocComment.wrapped(
                "Applies `assignments` only while the row is at `expectedVersion` (optimistic locking) and returns it "
                    + "as written; throws `.versionConflict` carrying the current version when it moved on."),
            signature: signature(
                "update", "id: \(keyType), expectedVersion: \(versionType), \(assignments)", returns: name),
            body: [
                Bind(line: "let expected = \(expected)"),
                Bind(line: "if let row = try await updateManyReturning(where: expected, set: assignments).first {"),
                Bind(line: "    return row"), Bind(line: "}"),
                Bind(line: "var keyBinds = PostgresBindings(capacity: 1)"), Bind(line: "keyBinds.append(id)"),
            ] + tenantKeyBinds + [
                Bind(line: "let current = try await executor.run(Self.currentVersionStatement, keyBinds)"),
                Bind(line: "    .decodeFirst { try $0.decode(\(versionType).self, at: 0) }"),
                Bind(line: "guard let current else { throw \(notFound) }"),
                Bind(line: "throw RepogenError.versionConflict(\(SwiftLiteral.string(name)), "
                    + "expected: expectedVersion, current: current)"),
            ]))
        return methods
    }
}
