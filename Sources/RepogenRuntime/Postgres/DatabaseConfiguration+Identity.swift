import CLibPQ

extension DatabaseConfiguration {
    /// Where a configuration points, as tracing names it: host (or socket directory), port and database.
    struct ServerIdentity: Sendable, Equatable {
        var address: String?
        var port: Int?
        var database: String?
    }

    /// The host, port and database libpq reads from the connection string; nil where it sets none (libpq then
    /// uses its defaults, such as the local socket and port 5432).
    var serverIdentity: ServerIdentity {
        let keywords = (try? Self.keywords(of: conninfo)) ?? [:]
        return ServerIdentity(
            address: keywords["host"] ?? keywords["hostaddr"], port: keywords["port"].flatMap { Int($0) },
            database: keywords["dbname"])
    }

    /// Every keyword `conninfo` sets to a non-empty value, as libpq parses it (a URL or `key=value` pairs).
    package static func keywords(of conninfo: String) throws -> [String: String] {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &errorMessage) else {
            defer { PQfreemem(errorMessage) }
            let reason = errorMessage.map { String(cString: $0) } ?? "unparseable connection string"
            throw RepogenError(
                kind: .invalidConfiguration,
                message: Redaction.redactConninfo(reason.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        defer { PQconninfoFree(options) }
        var keywords: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val.map({ String(cString: $0) }), !value.isEmpty {
                keywords[String(cString: keyword)] = value
            }
            option += 1
        }
        return keywords
    }
}
