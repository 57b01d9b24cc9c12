import Foundation
import RepogenRedis

/// A `redis-server` (from Debian's redis-server, installed by `make deps`) on a Unix socket in a temporary
/// directory, without persistence; killed and restarted by the tests that need Redis to fail.
final class RedisTestServer: @unchecked Sendable {
    let directory: URL
    let socket: String
    private let lock = NSLock()
    private var process: Process?

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("repogen-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        socket = directory.appendingPathComponent("redis.sock").path
    }

    /// Where a store connects.
    var endpoint: RedisL2Store.Endpoint { .unixSocket(socket) }

    /// Starts the server and waits until its socket exists.
    func start() async throws {
        try? FileManager.default.removeItem(atPath: socket)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/redis-server")
        server.arguments = [
            "--port", "0", "--unixsocket", socket, "--unixsocketperm", "700", "--save", "", "--appendonly", "no",
            "--dir", directory.path,
        ]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        lock.withLock { process = server }
        let ready = await eventually { FileManager.default.fileExists(atPath: self.socket) }
        guard ready else { throw RedisError(message: "redis-server did not open \(socket)") }
    }

    /// Kills the server at once (SIGKILL), as a crash would.
    func kill() {
        guard let server = lock.withLock({ process.take() }) else { return }
        Foundation.kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
    }

    /// Kills the server and removes its directory.
    func stop() {
        kill()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Runs `body` with a started Redis, stopping it afterwards.
func withRedis<T>(_ body: (RedisTestServer) async throws -> T) async throws -> T {
    let server = try RedisTestServer()
    defer { server.stop() }
    try await server.start()
    return try await body(server)
}
