import PackagePlugin

/// `swift package repogen-inspect check|status [--target T] [OPTIONS]`: the read-only `repogen migrate` verbs, in a
/// plugin that asks for no permission (SwiftPM grants permissions per plugin; writing is `repogen-migrate`'s).
/// `check` runs over every target's schema unless `--target` names one.
@main
struct RepogenInspect: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        guard let verb = arguments.first, ["check", "status"].contains(verb) else {
            throw MigratePluginError(
                "repogen-inspect runs `check` or `status`; `new`, `apply` and `down` are repogen-migrate's verbs")
        }
        let runner = MigrateRunner(package: context.package, tool: try context.tool(named: "repogen").url)
        try runner.run(arguments, each: verb == "check")
    }
}
