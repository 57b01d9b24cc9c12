import Foundation
import PackagePlugin

/// Runs `repogen-generate` (the generator without the database commands) for a target that has a `schema.yaml`, declaring every input so SwiftPM
/// reruns it only when the schema, a template, a committed migration or the snapshot changes; the tool warns
/// when the schema has changes no migration covers.
///
/// Templates: the defaults are `templates/` of the Repogen package the plugin comes from (a source checkout
/// for every SwiftPM user; the generator also carries a built-in copy). A `templates/` folder beside the
/// schema overrides any subset of them.
@main
struct RepogenPlugin: BuildToolPlugin {
    /// The files the generator always writes; fixed so they can be declared before it runs.
    static let outputNames = [
        "RepogenEntities.swift", "RepogenRepositories.swift", "RepogenSchema.swift", "RepogenInMemory.swift",
        "RepogenFactories.swift",
    ]

    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let targetDirectory = target.directoryURL
        let packageDirectory = context.package.directoryURL
        guard let schema = firstExisting([
            targetDirectory.appending(path: "schema.yaml"), packageDirectory.appending(path: "schema.yaml"),
        ]) else {
            throw PluginError("no schema.yaml in \(targetDirectory.path) or \(packageDirectory.path)")
        }
        let schemaRoot = schema.deletingLastPathComponent()
        let templates = TemplateDirectories(schemaRoot: schemaRoot, package: context.package)
        let migrations = schemaRoot.appending(path: "Generated/migrations")
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        let snapshot = schemaRoot.appending(path: "Generated/schema.snapshot.yaml")
        let inputs = [schema] + templates.inputs
            + files(in: migrations, withExtension: "sql") + (firstExisting([snapshot]).map { [$0] } ?? [])
        return [
            .buildCommand(
                displayName: "Generating repositories from \(schema.lastPathComponent) for \(target.name)",
                executable: try context.tool(named: "repogen-generate").url,
                arguments: [
                    "--schema", schema.path, "--output", output.path, "--namespace", target.name,
                    "--migrations", migrations.path, "--snapshot", snapshot.path,
                    "--package-directory", packageDirectory.path,
                ] + templates.arguments,
                inputFiles: inputs,
                outputFiles: Self.outputNames.map { output.appending(path: $0) }
            ),
        ]
    }
}

/// Where the default templates and the consumer's overrides are, as tool arguments and declared inputs.
struct TemplateDirectories {
    /// `templates/` of the Repogen package in the graph, when found (else the tool's built-in copy is used).
    let defaults: URL?
    /// `templates/` beside the schema, when it exists and is not the defaults themselves.
    let overrides: URL?

    init(schemaRoot: URL, package: Package) {
        defaults = Self.repogenPackage(from: package).map { $0.directoryURL.appending(path: "templates") }
            .flatMap { firstExisting([$0.appending(path: "entity.mustache")])?.deletingLastPathComponent() }
        let beside = schemaRoot.appending(path: "templates")
        let isDefaults = defaults?.standardizedFileURL.path == beside.standardizedFileURL.path
        overrides = isDefaults ? nil : firstExisting([beside])
    }

    /// `--default-templates DIR` and `--templates DIR`, for the directories that exist.
    var arguments: [String] {
        (defaults.map { ["--default-templates", $0.path] } ?? []) + (overrides.map { ["--templates", $0.path] } ?? [])
    }

    /// Every template file of both directories, so editing, adding or removing one reruns the generator.
    var inputs: [URL] {
        [defaults, overrides].compactMap { $0 }.flatMap { files(in: $0, withExtension: "mustache") }
    }

    /// The package declaring the `RepogenPlugin` product: this one, or the nearest dependency that does.
    static func repogenPackage(from root: Package) -> Package? {
        var queue = [root]
        var seen: Set<String> = []
        while !queue.isEmpty {
            let package = queue.removeFirst()
            guard seen.insert(package.id).inserted else { continue }
            if package.products.contains(where: { $0.name == "RepogenPlugin" }) { return package }
            queue += package.dependencies.map(\.package)
        }
        return nil
    }
}

/// The first of `candidates` that exists on disk.
func firstExisting(_ candidates: [URL]) -> URL? {
    candidates.first { FileManager.default.fileExists(atPath: $0.path) }
}

/// The files of `directory` ending in `.suffix`, sorted by name; none when it does not exist.
func files(in directory: URL, withExtension suffix: String) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix("." + suffix) }.sorted().map { directory.appending(path: $0) }
}

/// A plugin failure with a message SwiftPM prints as the build error.
struct PluginError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
