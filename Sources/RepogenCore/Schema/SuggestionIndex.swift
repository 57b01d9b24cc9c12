/// "Did you mean" over a large list of names without comparing against each one: every name is filed under the
/// hash of its lowercased form and of each form with one byte deleted, and a lookup probes the typed name's forms
/// with up to two bytes deleted, then checks the few names found with `Suggestion.editDistance`.
///
/// It finds every name one edit away (insertion, deletion, substitution, adjacent swap) and every case-only
/// difference, and most names two edits away; lists of `linearLimit` names or fewer are scanned exactly as
/// `Suggestion.closest` does. The index is one sorted array of (hash, position) pairs, so building it allocates
/// a handful of arrays rather than one per form; a hash collision only adds a candidate that the edit distance
/// then rejects. Building is linear in the total length of the names, plus one sort.
///
/// ```swift
/// let index = SuggestionIndex(["Quote", "User"])
/// index.closest(to: "Qoute")   // "Quote"
/// ```
final class SuggestionIndex {
    /// Up to this many names, a lookup compares against each (the exact, quadratic-in-total search).
    static let linearLimit = 256

    /// One filed form: the hash of the form and the position of the name it came from.
    private struct Entry {
        var hash: UInt64
        var position: Int
    }

    private let names: [String]
    /// Sorted by hash, then by position.
    private var entries: [Entry] = []

    /// Files every name; a name longer than `Suggestion.maximumComparedLength` is never suggested.
    init(_ names: [String]) {
        self.names = names
        guard names.count > Self.linearLimit else { return }
        entries.reserveCapacity(names.count * 12)
        var lowered: [UInt8] = []
        lowered.reserveCapacity(Suggestion.maximumComparedLength)
        for (position, name) in names.enumerated() where name.utf8.count <= Suggestion.maximumComparedLength {
            Self.lowercasedBytes(of: name, into: &lowered)
            entries.append(Entry(hash: Self.hash(lowered, skipping: nil), position: position))
            for removed in lowered.indices {
                entries.append(Entry(hash: Self.hash(lowered, skipping: removed), position: position))
            }
        }
        entries.sort { ($0.hash, $0.position) < ($1.hash, $1.position) }
    }

    /// The closest name to `typed` within `Suggestion.closest`'s limits, earliest first among equals, if any.
    func closest(to typed: String) -> String? {
        guard names.count > Self.linearLimit else { return Suggestion.closest(to: typed, in: names) }
        let bytes = Array(typed.utf8)
        guard !bytes.isEmpty, bytes.count <= Suggestion.maximumComparedLength else { return nil }
        var lowered: [UInt8] = []
        Self.lowercasedBytes(of: typed, into: &lowered)
        var found: Set<Int> = []
        for form in Self.deletions(of: lowered, upTo: 2) {
            let hash = Self.hash(form, skipping: nil)
            var slot = firstEntry(withHashAtLeast: hash)
            while slot < entries.count, entries[slot].hash == hash {
                found.insert(entries[slot].position)
                slot += 1
            }
        }
        return Suggestion.closest(to: typed, in: found.sorted().map { names[$0] })
    }

    /// The first slot whose hash is `hash` or more (binary search).
    private func firstEntry(withHashAtLeast hash: UInt64) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].hash < hash { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The UTF-8 of `name.lowercased()`, without building a new string when the name is ASCII.
    private static func lowercasedBytes(of name: String, into bytes: inout [UInt8]) {
        bytes.removeAll(keepingCapacity: true)
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else {
            bytes.append(contentsOf: name.lowercased().utf8)
            return
        }
        for byte in name.utf8 {
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
    }

    /// FNV-1a over `bytes`, leaving out the byte at `skipped`, with the length mixed in.
    private static func hash(_ bytes: [UInt8], skipping skipped: Int?) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for position in bytes.indices where position != skipped {
            hash = (hash ^ UInt64(bytes[position])) &* 0x100_0000_01b3
        }
        let length = UInt64(skipped == nil ? bytes.count : bytes.count - 1)
        return (hash ^ length) &* 0x100_0000_01b3
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
