import Foundation
import RepogenRedis

#if canImport(Glibc)
    import Glibc
#endif

/// A private `redis-server` (Debian's redis-server, installed by `make deps`) in a temporary directory, without
/// persistence, on a Unix socket or on a loopback TCP port; killed and restarted by the tests that need Redis
/// to fail. Tests that only need a working Redis use `withSharedRedis` instead.
final class RedisTestServer: @unchecked Sendable {
    /// How a store reaches the server.
    enum Transport: String, Sendable, CaseIterable, CustomStringConvertible {
        case unixSocket
        case tcp

        var description: String { rawValue }
    }

    let directory: URL
    let socket: String
    let transport: Transport
    /// The server's extra command-line arguments (`--requirepass`, `--user`).
    let arguments: [String]
    /// The password every connection must send (`--requirepass`), or nil.
    let password: String?
    private(set) var port = 0
    private let lock = NSLock()
    private var process: Process?

    init(_ transport: Transport = .unixSocket, password: String? = nil, arguments: [String] = []) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("repogen-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        socket = directory.appendingPathComponent("redis.sock").path
        self.transport = transport
        self.password = password
        self.arguments = (password.map { ["--requirepass", $0] } ?? []) + arguments
    }

    /// Where a store connects.
    var endpoint: RedisL2Store.Endpoint {
        transport == .tcp ? .tcp(host: "127.0.0.1", port: port) : .unixSocket(socket)
    }

    /// Starts the server (on the same socket or port as before when restarting) and waits until it answers.
    func start() async throws {
        let firstStart = port == 0
        for _ in 0..<5 {
            if transport == .tcp, port == 0 { port = try Self.freeLoopbackPort() }
            try? FileManager.default.removeItem(atPath: socket)
            let server = try launch()
            lock.withLock { process = server }
            if await answers(server) { return }
            kill()
            if firstStart { port = 0 }  // the port was taken meanwhile: try another one
        }
        throw RedisError(message: "redis-server did not start on \(endpoint)")
    }

    private func launch() throws -> Process {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/redis-server")
        let listen = transport == .tcp
            ? ["--port", String(port), "--bind", "127.0.0.1"]
            : ["--port", "0", "--unixsocket", socket, "--unixsocketperm", "700"]
        server.arguments = listen + ["--save", "", "--appendonly", "no", "--dir", directory.path] + arguments
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        return server
    }

    /// Polls (bounded) until a command succeeds, or the server has exited.
    private func answers(_ server: Process) async -> Bool {
        let options = RedisConnectionOptions(
            endpoint, password: password, connectTimeout: .seconds(1), commandTimeout: .seconds(1))
        let probe = RedisL2Store(options, breaker: .disabled)
        return await eventually {
            guard server.isRunning else { return true }
            return (try? await probe.fetch("probe", generationKey: "probe")) != nil
        } && server.isRunning
    }

    /// Kills the server at once (SIGKILL), as a crash would, and returns once it has exited.
    ///
    /// Waits with `waitid(WNOWAIT)`, which leaves the child for Foundation to reap, rather than `waitUntilExit`:
    /// that one waits until the child's end of a socket closes, and spins forever if another process inherited it.
    func kill() {
        guard let server = lock.withLock({ process.take() }) else { return }
        Foundation.kill(server.processIdentifier, SIGKILL)
        var info = siginfo_t()
        while waitid(P_PID, id_t(server.processIdentifier), &info, WEXITED | WNOWAIT) == -1, errno == EINTR {}
    }

    /// Kills the server and removes its directory.
    func stop() {
        kill()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A loopback port nothing listens on now (the kernel's choice for port 0).
    static func freeLoopbackPort() throws -> Int {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RedisError(message: "socket: errno \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw RedisError(message: "bind: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Runs `body` with a private Redis of its own (one the test may kill), stopping it afterwards.
func withRedis<T>(
    _ transport: RedisTestServer.Transport = .unixSocket, _ body: (RedisTestServer) async throws -> T
) async throws -> T {
    let server = try RedisTestServer(transport)
    defer { server.stop() }
    try await server.start()
    return try await body(server)
}

/// Runs `body` with a working Redis and a key namespace of its own: the one `make test` started
/// (`REPOGEN_TEST_REDIS_SOCKET`) when set, otherwise a private server. `body` must never stop that Redis.
func withSharedRedis<T>(_ body: (RedisL2Store.Endpoint, String) async throws -> T) async throws -> T {
    let namespace = "test-\(UUID().uuidString):"
    if let socket = ProcessInfo.processInfo.environment["REPOGEN_TEST_REDIS_SOCKET"], !socket.isEmpty {
        return try await body(.unixSocket(socket), namespace)
    }
    return try await withRedis { server in try await body(server.endpoint, namespace) }
}
