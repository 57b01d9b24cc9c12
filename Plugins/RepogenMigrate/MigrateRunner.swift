import Foundation
import PackagePlugin

// Shared by the RepogenMigrate and RepogenInspect command plugins (Plugins/RepogenInspect holds a symlink to this
// file): SwiftPM grants permissions per plugin, so the verbs that write to the package and the read-only ones are
// two plugins, and plugins cannot share a library target.

/// A target the build plugin generates code for, and the schema it reads (the target's own `schema.yaml`, else the
/// package's).
struct SchemaTarget {
    /// The target's name, as `--target` takes it.
    let name: String
    /// The schema file.
    let schema: URL
}

/// Runs `repogen migrate VERB` for the schema of the target the arguments name (`--target NAME`), or of the only
/// target that has one; `--schema PATH` is passed through unchanged.
struct MigrateRunner {
    /// The root package the command runs on.
    let package: Package
    /// The full `repogen` tool.
    let tool: URL

    /// The source targets that read a schema: those with a `schema.yaml` in their directory, and those depending on
    /// RepogenRuntime (what generated code needs) when the package has a `schema.yaml` of its own.
    var schemaTargets: [SchemaTarget] {
        let packageSchema = existing(package.directoryURL.appending(path: "schema.yaml"))
        return package.targets.compactMap { target in
            guard let module = target as? SourceModuleTarget, module.kind != .test else { return nil }
            if let own = existing(module.directoryURL.appending(path: "schema.yaml")) {
                return SchemaTarget(name: target.name, schema: own)
            }
            return packageSchema.flatMap { dependsOnRuntime(target) ? SchemaTarget(name: target.name, schema: $0) : nil }
        }
    }

    /// Runs the tool once per schema chosen; `each` lets a verb that only reads run over every schema at once.
    func run(_ arguments: [String], each: Bool) throws {
        var extractor = ArgumentExtractor(arguments)
        let named = extractor.extractOption(named: "target")
        let rest = extractor.remainingArguments
        if rest.contains("--schema") || rest.contains(where: { $0.hasPrefix("--schema=") }) {
            return try launch(rest)
        }
        for schema in try schemas(named: named, each: each) {
            try launch(rest + ["--schema", schema.path])
        }
    }

    /// The schemas `--target` names, or the only one; every one when `each` is set.
    func schemas(named: [String], each: Bool) throws -> [URL] {
        let targets = schemaTargets
        let listed = targets.map { "\($0.name) (\($0.schema.path))" }.joined(separator: ", ")
        if let name = named.last {
            guard let target = targets.first(where: { $0.name == name }) else {
                throw MigratePluginError("no target '\(name)' reads a schema; found: \(listed.isEmpty ? "none" : listed)")
            }
            return [target.schema]
        }
        var seen: Set<String> = []
        let distinct = targets.map(\.schema).filter { seen.insert($0.standardizedFileURL.path).inserted }
        guard !distinct.isEmpty else {
            throw MigratePluginError("no schema.yaml in \(package.directoryURL.path) or its targets; pass --schema PATH")
        }
        guard distinct.count == 1 || each else {
            throw MigratePluginError("several targets read a schema: \(listed); pass --target NAME")
        }
        return distinct
    }

    /// Runs `repogen migrate ARGUMENTS` where the user stands, so the commands it suggests work as printed there.
    func launch(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = tool
        process.arguments = ["migrate"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw MigratePluginError("repogen migrate exited with status \(process.terminationStatus)")
        }
    }

    /// Whether `target` depends on RepogenRuntime, as a product of a dependency or a target of this package.
    func dependsOnRuntime(_ target: Target) -> Bool {
        target.dependencies.contains { dependency in
            switch dependency {
            case .product(let product): product.name == "RepogenRuntime"
            case .target(let target): target.name == "RepogenRuntime"
            @unknown default: false
            }
        }
    }
}

/// `url` when a file exists there.
func existing(_ url: URL) -> URL? {
    FileManager.default.fileExists(atPath: url.path) ? url : nil
}

/// A failed command, reported by SwiftPM as the plugin's error.
struct MigratePluginError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
