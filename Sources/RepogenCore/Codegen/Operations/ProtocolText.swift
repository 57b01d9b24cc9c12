/// The lines of a repository's protocol (`QuoteRepositoryProtocol`): one requirement per generated method, and a
/// forwarding overload for each method with defaults, which a requirement cannot state.
enum ProtocolText {
    /// `QuoteRepository` → `QuoteRepositoryProtocol`.
    static func protocolName(of repositoryName: String) -> String {
        repositoryName + "Protocol"
    }

    /// The requirement lines, each method's doc comment and attribute above it, a blank line between methods.
    static func requirements(_ operations: [RepositoryOperation]) -> [String] {
        var lines: [String] = []
        for operation in operations {
            if !lines.isEmpty { lines.append("") }
            lines += operation.doc
            if operation.discardableResult { lines.append("@discardableResult") }
            lines.append(operation.signature.declaration(withDefaults: false))
        }
        return lines
    }

    /// The overloads restoring the defaults of the methods that have some, each forwarding every argument to the
    /// requirement (so the conforming type's own implementation runs).
    static func defaults(_ operations: [RepositoryOperation]) -> [String] {
        var lines: [String] = []
        for operation in operations where operation.signature.hasDefaults {
            if !lines.isEmpty { lines.append("") }
            lines.append("/// `\(operation.signature.selector)` with its defaults, forwarded to the requirement.")
            if operation.discardableResult { lines.append("@discardableResult") }
            lines.append("public " + operation.signature.declaration(withDefaults: true) + " {")
            lines.append("    " + operation.signature.forwardingCall)
            lines.append("}")
        }
        return lines
    }
}
