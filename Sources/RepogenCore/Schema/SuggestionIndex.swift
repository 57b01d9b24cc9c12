/// "Did you mean" over a large list of names without comparing against each one: every name is filed under its
/// lowercased form and each form with one byte deleted, and a lookup probes the typed name's forms with up to two
/// bytes deleted, then checks the few names found with `Suggestion.editDistance`.
///
/// It finds every name one edit away (insertion, deletion, substitution, adjacent swap) and every case-only
/// difference, and most names two edits away; lists of `linearLimit` names or fewer are scanned exactly as
/// `Suggestion.closest` does. Building is linear in the total length of the names.
///
/// ```swift
/// let index = SuggestionIndex(["Quote", "User"])
/// index.closest(to: "Qoute")   // "Quote"
/// ```
final class SuggestionIndex {
    /// Up to this many names, a lookup compares against each (the exact, quadratic-in-total search).
    static let linearLimit = 256

    private let names: [String]
    private var positionsByForm: [[UInt8]: [Int]] = [:]

    /// Files every name; a name longer than `Suggestion.maximumComparedLength` is never suggested.
    init(_ names: [String]) {
        self.names = names
        guard names.count > Self.linearLimit else { return }
        for (position, name) in names.enumerated() where name.utf8.count <= Suggestion.maximumComparedLength {
            let lowered = Array(name.lowercased().utf8)
            file(lowered, position)
            for removed in lowered.indices {
                var form = lowered
                form.remove(at: removed)
                file(form, position)
            }
        }
    }

    /// The closest name to `typed` within `Suggestion.closest`'s limits, earliest first among equals, if any.
    func closest(to typed: String) -> String? {
        guard names.count > Self.linearLimit else { return Suggestion.closest(to: typed, in: names) }
        let bytes = Array(typed.utf8)
        guard !bytes.isEmpty, bytes.count <= Suggestion.maximumComparedLength else { return nil }
        var found: Set<Int> = []
        for form in Self.deletions(of: Array(typed.lowercased().utf8), upTo: 2) {
            found.formUnion(positionsByForm[form] ?? [])
        }
        return Suggestion.closest(to: typed, in: found.sorted().map { names[$0] })
    }

    private func file(_ form: [UInt8], _ position: Int) {
        if positionsByForm[form]?.last != position { positionsByForm[form, default: []].append(position) }
    }

    /// `bytes` and every form of it with up to `count` bytes deleted.
    static func deletions(of bytes: [UInt8], upTo count: Int) -> Set<[UInt8]> {
        var all: Set<[UInt8]> = [bytes]
        var frontier: Set<[UInt8]> = [bytes]
        for _ in 0..<count {
            var next: Set<[UInt8]> = []
            for form in frontier {
                for removed in form.indices {
                    var shorter = form
                    shorter.remove(at: removed)
                    next.insert(shorter)
                }
            }
            all.formUnion(next)
            frontier = next
        }
        return all
    }
}

/// The suggestion indexes of one resolver run, each built on its first use.
final class ResolverSuggestions {
    private let declaration: SchemaDeclaration

    /// Every entity name, for unknown `belongs_to`, relation and type targets.
    lazy var entities = SuggestionIndex(declaration.entities.map(\.name.value))
    /// Every built-in type and enum name, for unknown `type:`s.
    lazy var types = SuggestionIndex(SchemaResolver.builtinTypeNames + declaration.enums.map(\.name))

    init(declaration: SchemaDeclaration) {
        self.declaration = declaration
    }
}
