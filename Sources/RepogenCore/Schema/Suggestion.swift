/// "Did you mean" suggestions: the closest known name to a misspelt one, by edit distance.
///
/// ```swift
/// Suggestion.closest(to: "tpye", in: ["type", "max"])  // "type"
/// Suggestion.didYouMean("strng", in: ["string"])       // " (did you mean 'string'?)"
/// ```
enum Suggestion {
    /// Names longer than this are never compared (the distance is quadratic in the length).
    static let maximumComparedLength = 80

    /// The candidate closest to `name`, if one is close enough: an edit distance of at most a third of the
    /// name's length, between 1 and 2 (a case-only difference always counts as close).
    static func closest(to name: String, in candidates: [String]) -> String? {
        let typed = Array(name.utf8)
        guard !typed.isEmpty, typed.count <= maximumComparedLength else { return nil }
        let limit = min(2, max(1, typed.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let length = candidate.utf8.count
            guard length <= maximumComparedLength, abs(length - typed.count) <= limit else { continue }
            let known = Array(candidate.utf8)
            let distance = candidate.lowercased() == name.lowercased() ? 0 : editDistance(typed, known)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// ` (did you mean 'X'?)` when a candidate is close, or the empty string.
    static func didYouMean(_ name: String, in candidates: [String]) -> String {
        closest(to: name, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// The optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
    static func editDistance(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var beforePrevious = [Int](repeating: 0, count: rhs.count + 1)
        var previous = Array(0...rhs.count)
        var current = [Int](repeating: 0, count: rhs.count + 1)
        for i in 1...lhs.count {
            current[0] = i
            for j in 1...rhs.count {
                let cost = lhs[i - 1] == rhs[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, lhs[i - 1] == rhs[j - 2], lhs[i - 2] == rhs[j - 1] {
                    value = min(value, beforePrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[rhs.count]
    }
}
