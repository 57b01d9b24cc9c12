import Foundation
import RepogenRedis
import Testing

/// `AUTH` (password alone, and an ACL user) and `SELECT` on a real `redis-server` that requires a password: a
/// store built from a URL reads and writes, a wrong password is a clear error that does not echo it, and the
/// database index keeps two stores apart.
@Suite struct RedisAuthenticationTests {
    private static let password = "p@ss word:/?"
    private static let encoded = "p%40ss%20word%3A%2F%3F"
    /// An ACL user besides the default one, as `--user` declares it.
    private static let aclUser = ["--user", "alice", "on", ">wonder:land", "~*", "&*", "+@all"]

    private func withProtectedRedis<T>(
        _ transport: RedisTestServer.Transport, _ body: (RedisTestServer) async throws -> T
    ) async throws -> T {
        let server = try RedisTestServer(transport, password: Self.password, arguments: Self.aclUser)
        defer { server.stop() }
        try await server.start()
        return try await body(server)
    }

    /// The server's URL with `credentials` (already encoded) and `suffix` (path and query).
    private func url(_ server: RedisTestServer, _ credentials: String, _ suffix: String = "") -> String {
        switch server.endpoint {
        case .tcp(let host, let port): "redis://\(credentials)@\(host):\(port)\(suffix)"
        case .unixSocket(let path): "unix://\(credentials)@\(path)\(suffix)"
        }
    }

    @Test(arguments: RedisTestServer.Transport.allCases)
    func passwordAndACLUserAuthenticate(_ transport: RedisTestServer.Transport) async throws {
        try await withProtectedRedis(transport) { server in
            for credentials in [":" + Self.encoded, "alice:wonder%3Aland"] {
                let store = try RedisL2Store(url: url(server, credentials, "?timeout=5s"), breaker: .disabled)
                try await store.store("k", value: [7], ttl: .seconds(5))
                #expect(try await store.fetch("k", generationKey: "g").value == [7])
            }
        }
    }

    @Test func wrongPasswordIsAClearErrorWithoutThePassword() async throws {
        try await withProtectedRedis(.unixSocket) { server in
            let wrong = try RedisL2Store(url: url(server, "alice:hunter2", "?timeout=5s"), breaker: .disabled)
            let failure = await #expect(throws: RedisError.self) { try await wrong.fetch("k", generationKey: "g") }
            #expect(failure?.message.hasPrefix("AUTH failed: WRONGPASS") == true)
            #expect(failure.map { !$0.description.contains("hunter2") } == true)
            let none = RedisL2Store(server.endpoint, timeout: .seconds(5), breaker: .disabled)
            await #expect(throws: RedisError.self) { try await none.fetch("k", generationKey: "g") }
        }
    }

    @Test func databaseIndexKeepsStoresApart() async throws {
        try await withProtectedRedis(.tcp) { server in
            let third = try RedisL2Store(url: url(server, ":" + Self.encoded, "/3?timeout=5s"), breaker: .disabled)
            let fourth = try RedisL2Store(url: url(server, ":" + Self.encoded, "?db=4&timeout=5s"), breaker: .disabled)
            let thirdAgain = try RedisL2Store(url: url(server, ":" + Self.encoded, "/3?timeout=5s"), breaker: .disabled)
            try await third.store("k", value: [3], ttl: .seconds(5))
            #expect(try await fourth.fetch("k", generationKey: "g").value == nil)
            #expect(try await thirdAgain.fetch("k", generationKey: "g").value == [3])
        }
    }

    @Test func selectingADatabaseThatDoesNotExistFails() async throws {
        try await withProtectedRedis(.unixSocket) { server in
            let store = try RedisL2Store(url: url(server, ":" + Self.encoded, "?db=999&timeout=5s"), breaker: .disabled)
            let failure = await #expect(throws: RedisError.self) { try await store.fetch("k", generationKey: "g") }
            #expect(failure?.message.hasPrefix("SELECT failed:") == true)
        }
    }

    @Test func aRestartedServerSeesAUTHAndSELECTAgain() async throws {
        try await withProtectedRedis(.tcp) { server in
            let store = try RedisL2Store(url: url(server, ":" + Self.encoded, "/2?timeout=5s"), breaker: .disabled)
            try await store.store("before", value: [1], ttl: .seconds(5))
            server.kill()
            try await server.start()
            await #expect(throws: RedisError.self) { try await store.fetch("k", generationKey: "g") }
            try await store.store("after", value: [2], ttl: .seconds(5))
            let other = try RedisL2Store(url: url(server, ":" + Self.encoded, "/2?timeout=5s"), breaker: .disabled)
            #expect(try await other.fetch("after", generationKey: "g").value == [2])
        }
    }
}
