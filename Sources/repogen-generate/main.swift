// The generator alone, for the build plugin: `repogen generate` without the database commands, so a consumer's
// first build compiles RepogenCore and not the runtime (libpq, metrics, service lifecycle) a second time for the
// host. Its options and behaviour are RepogenCore's GenerateCommand, shared with `repogen generate`.
import Foundation
import RepogenCore

exit(GenerateCommand.main(arguments: Array(CommandLine.arguments.dropFirst())))
