/// The methods of an in-memory repository, one per method of the PostgreSQL repository it doubles (read back
/// from the rendered struct): the by-key operations call the runtime's `InMemoryRepository` helpers, every other
/// one throws `unsupportedInMemory`, so the double always has the whole protocol and never answers differently.
enum InMemoryMethods {
    /// The lines of every method, a blank line before each.
    static func lines(_ operations: [RepositoryOperation]) -> [String] {
        var lines: [String] = []
        for operation in operations {
            let signature = operation.signature
            let body = body(of: signature)
            lines.append("")
            lines += body == nil ? [stubDoc(operation)] : operation.doc
            if operation.discardableResult { lines.append("@discardableResult") }
            lines.append("public " + signature.declaration(withDefaults: true) + " {")
            lines += (body ?? stub(signature)).map { "    " + $0 }
            lines.append("}")
        }
        return lines
    }

    /// The body of a by-key operation, nil for any other.
    static func body(of signature: SwiftSignature) -> [String]? {
        let name = { (label: String) in signature.parameters.first { $0.label == label }?.name ?? label }
        let deleted = signature.parameters.contains { $0.label == "includeDeleted" } ? name("includeDeleted") : "false"
        let version = "Int64(\(name("expectedVersion")))"
        switch signature.selector {
        case "find(id:)", "find(id:includeDeleted:)":
            return ["try await findRow(key: \(name("id")), includeDeleted: \(deleted))"]
        case "findAll(limit:offset:)", "findAll(limit:offset:includeDeleted:)":
            return ["try await findAllRows(limit: \(name("limit")), offset: \(name("offset")), "
                + "includeDeleted: \(deleted))"]
        case "count()", "count(includeDeleted:)":
            return ["try await countRows(includeDeleted: \(deleted))"]
        case "exists(id:)", "exists(id:includeDeleted:)":
            return ["try await rowExists(key: \(name("id")), includeDeleted: \(deleted))"]
        case "create(_:)":
            let input = name("_")
            return ["try \(input).validate()", "return try await insertRows([try Self.inMemoryValues(of: \(input))])[0]"]
        case "createMany(_:)":
            let inputs = name("_")
            return ["for input in \(inputs) { try input.validate() }",
                    "return try await insertRows(try \(inputs).map(Self.inMemoryValues(of:)))"]
        default:
            return writeBody(of: signature, name: name, version: version)
        }
    }

    static func writeBody(of signature: SwiftSignature, name: (String) -> String, version: String) -> [String]? {
        let id = name("id")
        switch signature.selector {
        case "update(id:_:)", "update(id:expectedVersion:_:)":
            let expected = signature.selector == "update(id:_:)" ? "nil" : version
            let patch = name("_")
            return ["try \(patch).validate()",
                    "return try await updateRow(key: \(id), expectedVersion: \(expected), "
                        + "changes: try Self.inMemoryChanges(of: \(patch)))"]
        case "update(id:set:)":
            return ["try await assignRow(key: \(id), expectedVersion: nil, \(name("set")))"]
        case "update(id:expectedVersion:set:)":
            return ["try await assignRow(key: \(id), expectedVersion: \(version), \(name("set")))"]
        case "delete(id:)": return ["try await deleteRow(key: \(id))"]
        case "restore(id:)": return ["try await restoreRow(key: \(id))"]
        case "hardDelete(id:)": return ["try await hardDeleteRow(key: \(id))"]
        default: return nil
        }
    }

    static func stubDoc(_ operation: RepositoryOperation) -> String {
        "/// Not kept in memory: throws `unsupportedInMemory` (test `\(operation.signature.selector)` on PostgreSQL)."
    }

    static func stub(_ signature: SwiftSignature) -> [String] {
        let message = SwiftLiteral.string(signature.selector)
        return signature.isThrowing
            ? ["throw RepogenError.unsupportedInMemory(\(message))"]
            : ["fatalError(\"not kept in memory: \" + \(message))"]
    }
}
