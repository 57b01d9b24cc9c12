import CHiredis

/// Where a `RedisL2Store` connects, as whom, to which logical database, and how long it waits.
///
/// Built in code or from a URL:
///
/// ```swift
/// let options = try RedisConnectionOptions(url: "redis://cache:s3cret@redis.internal:6379/2?command_timeout=20ms")
/// let l2 = RedisL2Store(options)
/// ```
///
/// The password is never part of `description`, logs or errors.
public struct RedisConnectionOptions: Sendable, Hashable, CustomStringConvertible {
    /// Where Redis listens.
    public var endpoint: RedisL2Store.Endpoint
    /// The ACL user for `AUTH user password` (Redis 6 and later); nil authenticates with the password alone.
    public var username: String?
    /// The password sent with `AUTH` right after connecting; nil sends no `AUTH`.
    public var password: String?
    /// The logical database selected with `SELECT` right after connecting (0 is Redis's default).
    public var database: Int
    /// The limit on establishing the connection (TCP or Unix socket), `AUTH` and `SELECT` excluded.
    public var connectTimeout: Duration
    /// The limit on each command's round trip, including `AUTH` and `SELECT`.
    public var commandTimeout: Duration

    /// Creates options; both timeouts default to 50 ms, which suits a cache that falls back to PostgreSQL.
    public init(
        _ endpoint: RedisL2Store.Endpoint, username: String? = nil, password: String? = nil, database: Int = 0,
        connectTimeout: Duration = .milliseconds(50), commandTimeout: Duration = .milliseconds(50)
    ) {
        self.endpoint = endpoint
        self.username = username
        self.password = password
        self.database = database
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
    }

    /// The endpoint, user, database and timeouts; the password shows as `***` when set.
    public var description: String {
        let user = username.map { "user \($0), " } ?? ""
        let secret = password == nil ? "" : "password ***, "
        return "\(endpoint) (\(user)\(secret)database \(database), connect \(connectTimeout), command \(commandTimeout))"
    }

    /// The commands that prepare a new connection: `AUTH` when a password is set, `SELECT` when `database` is not 0.
    var handshake: [[String]] {
        var commands: [[String]] = []
        if let password { commands.append(["AUTH"] + (username.map { [$0] } ?? []) + [password]) }
        if database != 0 { commands.append(["SELECT", String(database)]) }
        return commands
    }

    /// The installed hiredis's version, as its headers declare it (for errors and diagnostics).
    public static var hiredisVersion: String { "\(HIREDIS_MAJOR).\(HIREDIS_MINOR).\(HIREDIS_PATCH)" }
}

/// Why a Redis URL was refused; each case names the part of the URL at fault (never the password).
public enum RedisURLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The scheme is none of `redis`, `unix` (or `rediss`, refused separately).
    case unsupportedScheme(String)
    /// `rediss://` (TLS) asked of a hiredis built without TLS.
    case tlsUnavailable(hiredis: String)
    /// A `redis://` URL without a host.
    case missingHost
    /// A `unix://` URL without a socket path.
    case missingSocketPath
    /// A port that is not a number from 1 to 65535.
    case invalidPort(String)
    /// A database index that is not a number from 0 up.
    case invalidDatabase(String)
    /// A timeout that is not a positive number of seconds, or a number with `ms` or `s`.
    case invalidTimeout(parameter: String, value: String)
    /// A query parameter this store does not know.
    case unknownParameter(String)
    /// A `%` escape in the named part (user, password, host, path or a parameter) that does not decode to UTF-8.
    case invalidEscape(part: String)

    /// What is wrong and what is accepted.
    public var description: String {
        switch self {
        case .unsupportedScheme(let scheme):
            "Redis URL scheme '\(scheme)' is not supported; use redis://host:port/db or unix:///path/to/redis.sock"
        case .tlsUnavailable(let version):
            "rediss:// (TLS) needs hiredis 1.0 or later with hiredis_ssl; the installed hiredis is \(version). "
                + "Reach Redis over a Unix socket or a private network, or through a TLS tunnel (docs/caching.md)"
        case .missingHost: "Redis URL has no host: redis://[user:password@]host[:port][/db]"
        case .missingSocketPath: "Redis URL has no socket path: unix://[user:password@]/path/to/redis.sock[?db=N]"
        case .invalidPort(let port): "Redis URL port '\(port)' is not a number from 1 to 65535"
        case .invalidDatabase(let database): "Redis URL database '\(database)' is not a number from 0 up"
        case .invalidTimeout(let parameter, let value):
            "Redis URL \(parameter)='\(value)' is not a positive duration: seconds (0.5), or with ms or s (250ms, 2s)"
        case .unknownParameter(let name):
            "Redis URL parameter '\(name)' is unknown; known: db, connect_timeout, command_timeout, timeout"
        case .invalidEscape(let part): "Redis URL \(part) has a % escape that is not UTF-8"
        }
    }
}
