import ArgumentParser
import RepogenCore

/// `repogen generate`: renders the Swift sources of a schema into a directory. The options are parsed by
/// RepogenCore's `GenerateOptions`, shared with `repogen-generate` (what the build plugin runs), so the two
/// cannot drift apart.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate Swift sources from a schema.", discussion: GenerateOptions.usage
    )

    @Argument(parsing: .captureForPassthrough, help: "The options listed above.")
    var arguments: [String] = []

    func run() throws {
        let status = GenerateCommand.main(arguments: arguments)
        guard status == 0 else { throw ExitCode(status) }
    }
}
