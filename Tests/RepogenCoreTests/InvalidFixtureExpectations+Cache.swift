extension InvalidFixtureExpectations {
    /// Expectations for `cache:` on entities.
    static let cacheDiagnostics: [String: [String]] = [
        "cache.yaml": [
            "schema.yaml:4:19: error: 'ttl' must be an integer between 1 and 604800",
            "schema.yaml:4:28: error: unknown cache tier 'l3' (did you mean 'l1'?)",
            "schema.yaml:8:14: error: unknown key 'tll' in the cache of entity 'Profile' (did you mean 'ttl'?)",
            "schema.yaml:13:5: error: entity 'Scoped' is tenant-scoped; 'cache' is not supported on it yet (cached "
                + "rows would be shared across tenants)",
            "schema.yaml:18:12: error: 'cache' must be a mapping (like { ttl: 60, tier: l1 })",
            "schema.yaml:22:40: error: 'find' must be an integer between 1 and 604800",
            "schema.yaml:22:43: error: unknown key 'counts' in 'queries' in the cache of entity 'Queried' "
                + "(did you mean 'count'?)",
            "schema.yaml:26:23: error: 'queries' must be an integer between 1 and 604800",
        ]
    ]
}
