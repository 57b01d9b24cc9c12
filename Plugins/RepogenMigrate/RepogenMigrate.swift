import PackagePlugin

/// `swift package --allow-writing-to-package-directory repogen-migrate new NAME [--target T]`: runs `repogen migrate`
/// on the schema of the target that uses the build plugin (or `--schema PATH`), so migrations can be written without
/// `swift run`. `check` and `status` need no write permission through `repogen-inspect`.
@main
struct RepogenMigrate: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let runner = MigrateRunner(package: context.package, tool: try context.tool(named: "repogen").url)
        try runner.run(arguments, each: arguments.first == "check")
    }
}
