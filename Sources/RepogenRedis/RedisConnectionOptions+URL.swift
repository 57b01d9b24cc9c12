extension RedisConnectionOptions {
    /// Reads a `redis://` or `unix://` URL, as redis-cli and most clients write them.
    ///
    /// ```text
    /// redis://[[user]:password@]host[:port][/database][?parameters]     host may be [IPv6]; port 6379 by default
    /// unix://[[user]:password@]/path/to/redis.sock[?db=N&parameters]
    /// parameters: db=N, connect_timeout=D, command_timeout=D, timeout=D (both); D is 0.5, 250ms or 2s
    /// ```
    ///
    /// User and password are percent-decoded (`%40` for `@`). `rediss://` throws `tlsUnavailable`: the installed
    /// hiredis has no TLS.
    public init(url: String) throws(RedisURLError) {
        guard let schemeEnd = url.range(of: "://") else { throw .unsupportedScheme(url.isEmpty ? "(empty)" : "none") }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        var rest = Substring(url[schemeEnd.upperBound...])
        var query = Substring("")
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        switch scheme {
        case "redis": try self.init(network: rest)
        case "unix": try self.init(socket: rest)
        case "rediss": throw .tlsUnavailable(hiredis: Self.hiredisVersion)
        default: throw .unsupportedScheme(scheme)
        }
        try apply(query: query)
    }

    /// `[[user]:password@]host[:port][/database]`.
    private init(network text: Substring) throws(RedisURLError) {
        let slash = text.firstIndex(of: "/") ?? text.endIndex
        let (username, password, hostPort) = try Self.splitCredentials(text[..<slash])
        let (host, port) = try Self.splitHostPort(hostPort)
        self.init(.tcp(host: host, port: port), username: username, password: password)
        let path = text[slash...].drop { $0 == "/" }
        if !path.isEmpty { database = try Self.database(String(path)) }
    }

    /// `[[user]:password@]/path/to/socket`.
    private init(socket text: Substring) throws(RedisURLError) {
        let slash = text.firstIndex(of: "/") ?? text.endIndex
        let (username, password, leftover) = try Self.splitCredentials(text[..<slash])
        guard leftover.isEmpty, slash < text.endIndex else { throw .missingSocketPath }
        let path = try Self.decode(text[slash...], part: "path")
        self.init(.unixSocket(path), username: username, password: password)
    }

    /// `db`, `connect_timeout`, `command_timeout` and `timeout` from `a=1&b=2`.
    private mutating func apply(query: Substring) throws(RedisURLError) {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0], part: "parameter name")
            let value = try Self.decode(parts.count > 1 ? parts[1] : "", part: "parameter \(name)")
            switch name {
            case "db": database = try Self.database(value)
            case "connect_timeout": connectTimeout = try Self.duration(value, parameter: name)
            case "command_timeout": commandTimeout = try Self.duration(value, parameter: name)
            case "timeout":
                connectTimeout = try Self.duration(value, parameter: name)
                commandTimeout = connectTimeout
            default: throw .unknownParameter(name)
            }
        }
    }

    /// Splits `user:password@rest` (the last `@` ends the credentials); an empty user is no user.
    private static func splitCredentials(
        _ text: Substring
    ) throws(RedisURLError) -> (username: String?, password: String?, rest: Substring) {
        guard let at = text.lastIndex(of: "@") else { return (nil, nil, text) }
        let credentials = text[..<at]
        let colon = credentials.firstIndex(of: ":")
        let user = try decode(credentials[..<(colon ?? credentials.endIndex)], part: "user")
        let password = try colon.map { (colon) throws(RedisURLError) in
            try decode(credentials[credentials.index(after: colon)...], part: "password")
        }
        return (user.isEmpty ? nil : user, password, text[text.index(after: at)...])
    }

    /// `host`, `host:port`, `[v6]` or `[v6]:port`; the port defaults to 6379.
    private static func splitHostPort(_ text: Substring) throws(RedisURLError) -> (host: String, port: Int) {
        var host = text
        var port: Substring = ""
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") { port = after.dropFirst() } else if !after.isEmpty { throw .invalidPort(String(after)) }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        let name = try decode(host, part: "host")
        guard !name.isEmpty else { throw .missingHost }
        guard !port.isEmpty else { return (name, 6379) }
        guard let number = Int(port), (1...65_535).contains(number) else { throw .invalidPort(String(port)) }
        return (name, number)
    }

    private static func database(_ text: String) throws(RedisURLError) -> Int {
        guard let number = Int(text), number >= 0 else { throw .invalidDatabase(text) }
        return number
    }

    /// `0.5` (seconds), `250ms` or `2s`; zero, negative and anything else are refused.
    private static func duration(_ text: String, parameter: String) throws(RedisURLError) -> Duration {
        let (digits, scale): (Substring, Double) =
            if text.hasSuffix("ms") { (text.dropLast(2), 0.001) }
            else if text.hasSuffix("s") { (text.dropLast(), 1) }
            else { (Substring(text), 1) }
        guard let number = Double(digits), number.isFinite, number > 0, number * scale <= 86_400 else {
            throw .invalidTimeout(parameter: parameter, value: text)
        }
        return .microseconds(Int64((number * scale * 1_000_000).rounded(.up)))
    }

    /// Percent-decodes `text` as UTF-8; `part` names it in the error, never its content.
    static func decode(_ text: Substring, part: String) throws(RedisURLError) -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                index = utf8.index(after: index)
                continue
            }
            let high = utf8.index(after: index)
            guard high < utf8.endIndex, utf8.index(after: high) < utf8.endIndex,
                let upper = hexValue(utf8[high]), let lower = hexValue(utf8[utf8.index(after: high)])
            else { throw .invalidEscape(part: part) }
            bytes.append(upper << 4 | lower)
            index = utf8.index(high, offsetBy: 2)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw .invalidEscape(part: part) }
        return decoded
    }

    /// The value of one hexadecimal digit, or nil.
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
