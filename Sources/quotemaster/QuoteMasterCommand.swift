import ArgumentParser

/// The Quote Master Pro command: a demo of the generated data layer.
@main
struct QuoteMasterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotemaster",
        abstract: "Quote Master Pro, on a Repogen-generated data layer.",
        subcommands: [Demo.self]
    )
}
