import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory repogen-migrate new NAME`: runs `repogen migrate` on the
/// package's `schema.yaml` (or the one given with `--schema`), so migrations can be written without `swift run`.
@main
struct RepogenMigrate: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "repogen").url
        var forwarded = ["migrate"] + arguments
        if !arguments.contains("--schema"), let schema = defaultSchema(in: context.package.directoryURL) {
            forwarded += ["--schema", schema.path]
        }
        let process = Process()
        process.executableURL = tool
        process.arguments = forwarded
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw MigratePluginError(description: "repogen migrate exited with status \(process.terminationStatus)")
        }
    }

    /// The package's `schema.yaml`, when the subcommand takes a schema (`new`, `check`).
    func defaultSchema(in package: URL) -> URL? {
        let schema = package.appending(path: "schema.yaml")
        return FileManager.default.fileExists(atPath: schema.path) ? schema : nil
    }
}

/// A failed `repogen migrate` run, reported by SwiftPM as the command's error.
struct MigratePluginError: Error, CustomStringConvertible {
    let description: String
}
