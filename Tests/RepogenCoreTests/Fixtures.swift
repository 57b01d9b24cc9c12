import Foundation
@testable import RepogenCore

/// Paths and loaders for the schema fixtures under `Tests/Fixtures/schemas`.
enum Fixtures {
    /// The display name diagnostics use, so expectations do not depend on where the checkout lives.
    static let displayName = "schema.yaml"

    /// The `Tests/Fixtures/schemas` directory, found relative to this source file.
    static let schemasDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/schemas")

    /// The text of a fixture, such as `valid/full.yaml`.
    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: schemasDirectory.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// Reads a fixture's bytes (so invalid UTF-8 reaches the reader) with the fixed display name.
    static func read(_ relativePath: String) throws -> SchemaReadResult {
        let data = try Data(contentsOf: schemasDirectory.appendingPathComponent(relativePath))
        return SchemaReader.read(bytes: [UInt8](data), file: displayName)
    }

    /// The file names in one fixture folder, sorted.
    static func names(in folder: String) throws -> [String] {
        let directory = schemasDirectory.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }
}
