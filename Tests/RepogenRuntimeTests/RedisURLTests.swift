import RepogenRedis
import Testing

/// `RedisConnectionOptions(url:)`: every accepted form, and a typed error naming the faulty part (never the
/// password) for everything else. The URLs reaching a real server are in RedisAuthenticationTests.
@Suite struct RedisURLTests {
    @Test func networkURLWithEverything() throws {
        let options = try RedisConnectionOptions(
            url: "redis://cache:p%40ss%3Aw%2Frd@redis.internal:6380/3?connect_timeout=2s&command_timeout=20ms")
        #expect(options.endpoint == .tcp(host: "redis.internal", port: 6380))
        #expect(options.username == "cache" && options.password == "p@ss:w/rd" && options.database == 3)
        #expect(options.connectTimeout == .seconds(2) && options.commandTimeout == .milliseconds(20))
    }

    @Test func networkURLDefaults() throws {
        let options = try RedisConnectionOptions(url: "redis://localhost")
        #expect(options == RedisConnectionOptions(.tcp(host: "localhost", port: 6379)))
        let passwordOnly = try RedisConnectionOptions(url: "REDIS://:secret@10.0.0.5/")
        #expect(passwordOnly.username == nil && passwordOnly.password == "secret" && passwordOnly.database == 0)
        #expect(passwordOnly.endpoint == .tcp(host: "10.0.0.5", port: 6379))
    }

    @Test func bracketedIPv6Host() throws {
        #expect(try RedisConnectionOptions(url: "redis://[::1]:7000").endpoint == .tcp(host: "::1", port: 7000))
        #expect(try RedisConnectionOptions(url: "redis://[fe80::1]").endpoint == .tcp(host: "fe80::1", port: 6379))
    }

    @Test func unixSocketURL() throws {
        let options = try RedisConnectionOptions(url: "unix://alice:pw@/run/redis/redis%20one.sock?db=2&timeout=0.5")
        #expect(options.endpoint == .unixSocket("/run/redis/redis one.sock"))
        #expect(options.username == "alice" && options.password == "pw" && options.database == 2)
        #expect(options.connectTimeout == .milliseconds(500) && options.commandTimeout == .milliseconds(500))
        #expect(try RedisConnectionOptions(url: "unix:///tmp/r.sock").endpoint == .unixSocket("/tmp/r.sock"))
    }

    @Test(arguments: [
        ("http://host", RedisURLError.unsupportedScheme("http")),
        ("localhost:6379", .unsupportedScheme("none")),
        ("redis://", .missingHost),
        ("redis://:pw@:6379", .missingHost),
        ("redis://host:0", .invalidPort("0")),
        ("redis://host:65536", .invalidPort("65536")),
        ("redis://host:port", .invalidPort("port")),
        ("redis://[::1]x", .invalidPort("x")),
        ("redis://host/-1", .invalidDatabase("-1")),
        ("redis://host/zero", .invalidDatabase("zero")),
        ("redis://host?db=1.5", .invalidDatabase("1.5")),
        ("redis://host?timeout=0", .invalidTimeout(parameter: "timeout", value: "0")),
        ("redis://host?command_timeout=-5ms", .invalidTimeout(parameter: "command_timeout", value: "-5ms")),
        ("redis://host?connect_timeout=soon", .invalidTimeout(parameter: "connect_timeout", value: "soon")),
        ("redis://host?connect_timeout=nan", .invalidTimeout(parameter: "connect_timeout", value: "nan")),
        ("redis://host?password=x", .unknownParameter("password")),
        ("unix://", .missingSocketPath),
        ("unix://user:pw@", .missingSocketPath),
        ("unix://relative.sock", .missingSocketPath),
        ("redis://user:%zz@host", .invalidEscape(part: "password")),
        ("redis://user:%+f@host", .invalidEscape(part: "password")),
        ("redis://%ff%fe@host", .invalidEscape(part: "user")),
    ])
    func refusedURLs(_ url: String, _ expected: RedisURLError) {
        #expect(throws: expected) { try RedisConnectionOptions(url: url) }
    }

    @Test func tlsIsRefusedWithTheInstalledVersion() {
        #expect(throws: RedisURLError.tlsUnavailable(hiredis: RedisConnectionOptions.hiredisVersion)) {
            try RedisConnectionOptions(url: "rediss://:pw@host:6380")
        }
        #expect(RedisURLError.tlsUnavailable(hiredis: "0.14.1").description.contains("hiredis_ssl"))
    }

    @Test func thePasswordNeverShows() throws {
        let options = try RedisConnectionOptions(url: "redis://bob:hunter2@host:6379/1")
        #expect(!options.description.contains("hunter2") && options.description.contains("password ***"))
        #expect(options.description.contains("user bob") && options.description.contains("database 1"))
        let failure = #expect(throws: RedisURLError.self) { try RedisConnectionOptions(url: "redis://bob:%zzhunter2@h") }
        #expect(failure.map { !$0.description.contains("hunter2") } == true)
    }
}
