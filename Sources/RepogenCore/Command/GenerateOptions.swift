/// The options of `repogen generate` and `repogen-generate`, parsed here once for both tools so they cannot differ.
public struct GenerateOptions: Sendable, Equatable {
    /// The schema file.
    public var schema = "schema.yaml"
    /// The directory the Swift files are written to.
    public var output = ""
    /// A directory of NAME.mustache files replacing the default templates of the same name.
    public var templates: String?
    /// A directory holding every default template (nil: the copy built into RepogenCore).
    public var defaultTemplates: String?
    /// The prefix of generated schema-wide names (NAMESPACERepositories, NAMESPACESchema).
    public var namespace = "App"
    /// The directory of committed migrations to embed.
    public var migrations: String?
    /// The snapshot of the last migration; a warning is printed when the schema differs from it.
    public var snapshot: String?
    /// Where the user runs swift commands; printed commands name paths relative to it (nil: the current directory).
    public var packageDirectory: String?

    /// Options with the defaults and an empty output directory.
    public init() {}

    /// A wrong command line: the message, printed before the usage.
    public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong, e.g. `missing value for '--output'`.
        public let description: String
    }

    /// What `--help` prints.
    public static let usage = """
        USAGE: repogen generate (or repogen-generate) --output DIR [--schema FILE] [--namespace NAME]
                 [--templates DIR] [--default-templates DIR] [--migrations DIR] [--snapshot FILE]
                 [--package-directory DIR]

        OPTIONS:
          --schema FILE            The schema file (default: schema.yaml).
          --output DIR             The directory the Swift files are written to.
          --namespace NAME         The prefix of generated schema-wide names (NAMESPACERepositories,
                                   NAMESPACESchema; default: App).
          --templates DIR          NAME.mustache files replacing the default templates of the same name (any subset).
          --default-templates DIR  Every default template (default: the copy built into the tool).
          --migrations DIR         The committed migrations to embed (NNNN_name.up.sql).
          --snapshot FILE          The snapshot of the last migration; a warning is printed when the schema
                                   differs from it.
          --package-directory DIR  Where the user runs swift commands: printed commands name paths relative to it
                                   (default: the current directory).
          -h, --help               Show this help.
        """

    /// Parses `--name VALUE` and `--name=VALUE` pairs; nil for `-h` or `--help`.
    public static func parse(_ arguments: [String]) throws(UsageError) -> GenerateOptions? {
        var options = GenerateOptions()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "-h" || argument == "--help" { return nil }
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            guard argument.hasPrefix("--"), let key = parts.first else {
                throw UsageError(description: "unexpected argument '\(argument)'")
            }
            guard let value = parts.count == 2 ? parts[1] : remaining.popFirst() else {
                throw UsageError(description: "missing value for '\(key)'")
            }
            try options.set(key, to: value)
        }
        guard !options.output.isEmpty else { throw UsageError(description: "missing '--output DIR'") }
        return options
    }

    /// Sets the option named `key` (with its dashes).
    private mutating func set(_ key: String, to value: String) throws(UsageError) {
        switch key {
        case "--schema": schema = value
        case "--output": output = value
        case "--templates": templates = value
        case "--default-templates": defaultTemplates = value
        case "--namespace": namespace = value
        case "--migrations": migrations = value
        case "--snapshot": snapshot = value
        case "--package-directory": packageDirectory = value
        default: throw UsageError(description: "unknown option '\(key)'")
        }
    }
}
