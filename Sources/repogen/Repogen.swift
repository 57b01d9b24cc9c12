import ArgumentParser

/// The `repogen` command: validates schemas, generates Swift sources and writes migrations.
@main
struct Repogen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Typed Swift data access for PostgreSQL, generated from schema.yaml.",
        subcommands: [Validate.self, Generate.self, Migrate.self, Diagram.self, Backup.self, Advise.self]
    )
}
