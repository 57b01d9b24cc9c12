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
        var identity = ServerIdentity()
        guard let options = PQconninfoParse(conninfo, nil) else {
            return identity
        }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val.map({ String(cString: $0) }), !value.isEmpty {
                switch String(cString: keyword) {
                case "host": identity.address = value
                case "hostaddr": identity.address = identity.address ?? value
                case "port": identity.port = Int(value)
                case "dbname": identity.database = value
                default: break
                }
            }
            option += 1
        }
        return identity
    }
}
