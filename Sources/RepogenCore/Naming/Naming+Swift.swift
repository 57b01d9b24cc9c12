extension Naming {
    /// Swift keywords that must be written between backticks when used as a name.
    public static let swiftKeywords: Set<String> = [
        "Any", "Protocol", "Self", "Type", "_", "any", "as", "associatedtype", "await", "break", "case", "catch",
        "class", "continue", "default", "defer", "deinit", "do", "else", "enum", "extension", "fallthrough",
        "false", "fileprivate", "for", "func", "guard", "if", "import", "in", "init", "inout", "internal", "is",
        "let", "nil", "open", "operator", "precedencegroup", "private", "protocol", "public", "repeat", "rethrows",
        "return", "self", "some", "static", "struct", "subscript", "super", "switch", "throw", "throws", "true",
        "try", "typealias", "var", "where", "while",
    ]

    /// A name as Swift source spells it: between backticks when it is a keyword (`class` → `` `class` ``).
    public static func swiftIdentifier(_ name: String) -> String {
        swiftKeywords.contains(name) ? "`\(name)`" : name
    }

    /// A name as an argument label of a call (`Quote(class: ...)`): Swift accepts every keyword there but `inout`
    /// without backticks (`var` and `let` too), and warns about backticks it does not need.
    public static func swiftArgumentLabel(_ name: String) -> String {
        name == "inout" ? "`\(name)`" : name
    }

    /// Why `name` cannot be a Swift property, parameter or enum case, or nil when it can (escaped if need be):
    /// it must be ASCII letters, digits and underscores, not start with a digit, and not be a name Swift refuses
    /// even between backticks.
    public static func swiftMemberNameProblem(_ name: String) -> String? {
        guard let first = name.utf8.first else { return "is empty" }
        if unescapableOrEmpty(name) { return "is not a name Swift accepts, even between backticks" }
        if isDigit(first) { return "starts with a digit" }
        let isIdentifier = name.utf8.allSatisfy {
            isLowercaseLetter($0) || isUppercaseLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_")
        }
        return isIdentifier ? nil : "is not a Swift identifier"
    }

    /// Whether `name` is `_`, an unescapable keyword, or made only of underscores.
    private static func unescapableOrEmpty(_ name: String) -> Bool {
        ReservedNames.unescapableNames.contains(name) || name.allSatisfy { $0 == "_" }
    }

    /// Whether a name can be a module-level Swift type: an identifier of ASCII letters, digits and underscores
    /// that starts with a letter and is neither a keyword nor a reserved type name.
    public static func isUsableSwiftTypeName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isLowercaseLetter(first) || isUppercaseLetter(first) else { return false }
        guard swiftMemberNameProblem(name) == nil else { return false }
        return !swiftKeywords.contains(name) && !ReservedNames.typeNames.contains(name)
    }
}
