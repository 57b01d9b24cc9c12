/// The first owner of each name claimed in one scope (an entity's columns and Swift properties, a mapping's keys):
/// searched while there are few names, hashed past `linearLimit`. Most entities and mappings have a handful of
/// names, and a dictionary each costs more in allocation and hashing than comparing a few short strings.
struct FirstOwners {
    /// Up to this many names, lookups compare against each.
    static let linearLimit = 16

    private var claims: [(name: String, owner: String)] = []
    private var byName: [String: String] = [:]

    /// Prepares for about `capacity` names.
    init(capacity: Int) {
        if capacity <= Self.linearLimit { claims.reserveCapacity(capacity) }
    }

    /// The owner that claimed `name` first, if any.
    subscript(name: String) -> String? {
        if byName.isEmpty { return claims.first(where: { $0.name == name })?.owner }
        return byName[name]
    }

    /// Records `owner` for `name` unless `name` is already claimed.
    mutating func claim(_ name: String, for owner: String) {
        guard self[name] == nil else { return }
        if byName.isEmpty && claims.count < Self.linearLimit {
            claims.append((name, owner))
            return
        }
        if byName.isEmpty {
            byName.reserveCapacity(2 * Self.linearLimit)
            for claim in claims { byName[claim.name] = claim.owner }
            claims = []
        }
        byName[name] = owner
    }
}
