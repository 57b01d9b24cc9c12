import Foundation
import RepogenCore

/// Quote Master's schema.yaml as it is, and the two variants the advisor test migrates between.
enum AdvisorSchemas {
    /// The status index as schema.yaml declares it; the "before" schema leaves it out.
    static let statusIndex = #"      - { columns: [status, created_at desc], where: "deleted_at IS NULL" }"#
    /// The index the test adds for the `expiringWithin` specification.
    static let validUntilIndex = #"      - { columns: [valid_until], where: "deleted_at IS NULL" }"#

    /// The package's schema.yaml.
    static var path: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("schema.yaml").path
    }

    static var text: String {
        get throws { try String(contentsOfFile: path, encoding: .utf8) }
    }

    /// schema.yaml without the status index: findByStatus has nothing to use.
    static func withoutStatusIndex() throws -> Schema {
        let original = try text
        guard original.contains(statusIndex + "\n") else { throw SchemaTextChanged(line: statusIndex) }
        return try read(original.replacingOccurrences(of: statusIndex + "\n", with: ""))
    }

    /// schema.yaml with the status index and a `valid_until` index after it: what the report asked for.
    static func withRecommendedIndexes() throws -> Schema {
        let original = try text
        let added = statusIndex + "\n" + validUntilIndex + "\n"
        return try read(original.replacingOccurrences(of: statusIndex + "\n", with: added))
    }

    static func read(_ yaml: String) throws -> Schema {
        let result = SchemaReader.read(yaml: yaml, file: "schema.yaml")
        guard let schema = result.schema else { throw DiagnosticsError(result.diagnostics) }
        return schema
    }

    /// schema.yaml no longer declares the line the test edits.
    struct SchemaTextChanged: Error {
        let line: String
    }
}
