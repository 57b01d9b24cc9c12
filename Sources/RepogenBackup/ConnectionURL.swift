import Foundation

/// Connection strings for another database on the same server (a scratch copy, the restore target).
enum ConnectionURL {
    /// `url` with its database swapped for `database`: the path of a `postgresql://` URL, or a `dbname=` appended
    /// to a `key=value` string (libpq takes the last value of a repeated key).
    static func replacingDatabase(in url: String, with database: String) -> String {
        guard url.contains("://"), var components = URLComponents(string: url) else {
            return url + " dbname='" + database.replacingOccurrences(of: "'", with: "\\'") + "'"
        }
        components.path = "/" + database
        return components.string ?? url
    }

    /// `name` double-quoted as a SQL identifier.
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
