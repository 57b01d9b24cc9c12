import Foundation
import PackagePlugin

/// Runs `repogen generate` for a target that has a `schema.yaml`, declaring every input so SwiftPM
/// reruns it only when the schema, a template, a committed migration or the snapshot changes; the tool warns
/// when the schema has changes no migration covers.
@main
struct RepogenPlugin: BuildToolPlugin {
    /// The files the generator always writes; fixed so they can be declared before it runs.
    static let outputNames = ["RepogenEntities.swift", "RepogenRepositories.swift", "RepogenSchema.swift"]

    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let targetDirectory = target.directoryURL
        let packageDirectory = context.package.directoryURL
        guard let schema = firstExisting([
            targetDirectory.appending(path: "schema.yaml"), packageDirectory.appending(path: "schema.yaml"),
        ]) else {
            throw PluginError("no schema.yaml in \(targetDirectory.path) or \(packageDirectory.path)")
        }
        let schemaRoot = schema.deletingLastPathComponent()
        let templates = firstExisting([
            targetDirectory.appending(path: "templates"), packageDirectory.appending(path: "templates"),
        ]) ?? packageDirectory.appending(path: "templates")
        let migrations = schemaRoot.appending(path: "Generated/migrations")
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        let snapshot = schemaRoot.appending(path: "Generated/schema.snapshot.yaml")
        let inputs = [schema] + files(in: templates, withExtension: "mustache")
            + files(in: migrations, withExtension: "sql") + (firstExisting([snapshot]).map { [$0] } ?? [])
        return [
            .buildCommand(
                displayName: "Generating repositories from \(schema.lastPathComponent) for \(target.name)",
                executable: try context.tool(named: "repogen").url,
                arguments: [
                    "generate", "--schema", schema.path, "--output", output.path,
                    "--templates", templates.path, "--namespace", target.name,
                    "--migrations", migrations.path, "--snapshot", snapshot.path,
                ],
                inputFiles: inputs,
                outputFiles: Self.outputNames.map { output.appending(path: $0) }
            ),
        ]
    }

    func firstExisting(_ candidates: [URL]) -> URL? {
        candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    func files(in directory: URL, withExtension suffix: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix("." + suffix) }.sorted().map { directory.appending(path: $0) }
    }
}

/// A plugin failure with a message SwiftPM prints as the build error.
struct PluginError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
