import Foundation
import Mustache

/// The Mustache templates the generator renders, loaded and parsed up front so errors surface before any output.
///
/// ```swift
/// let templates = try TemplateSet(overrides: "Sources/Library/templates")  // built-in defaults + overrides
/// ```
public struct TemplateSet: Sendable {
    /// The names every set must provide (files `NAME.mustache`).
    public static let requiredNames = [
        "entities", "entity", "factories", "inmemory", "protocols", "repositories", "repository", "schema",
    ]

    /// One template's text and the file its line numbers refer to.
    struct Source {
        let name: String
        let text: String
        let path: String
    }

    let library: MustacheLibrary

    /// The templates taken from an override directory instead of the built-in defaults, sorted by name.
    public let overridden: [String]

    /// Problems that do not stop generation, e.g. an override no template includes.
    public let warnings: [Diagnostic]

    /// Loads `NAME.mustache` for every required name from `directory`, ignoring the built-in defaults.
    ///
    /// A missing file or a template syntax error becomes a diagnostic naming the template file, line and column.
    public init(directory: String) throws(DiagnosticsError) {
        let loaded = Self.loadRequired(directory: directory)
        try self.init(sources: loaded.sources, overridden: [], warnings: [], diagnostics: loaded.diagnostics)
    }

    /// Loads the defaults (every required template from `defaults`, or the built-in copy when nil), then
    /// replaces them with every `NAME.mustache` in `overrides` when given.
    ///
    /// An override may be any subset of `requiredNames`; any other `NAME.mustache` there is registered as an
    /// extra partial (`{{> NAME}}`), with a warning when no template includes it (a misspelt override).
    public init(defaults: String? = nil, overrides: String?) throws(DiagnosticsError) {
        var (sources, diagnostics) = defaults.map(Self.loadRequired) ?? (Self.builtInSources, [])
        guard let overrides else {
            try self.init(sources: sources, overridden: [], warnings: [], diagnostics: diagnostics)
            return
        }
        let loaded = Self.loadOverrides(directory: overrides)
        for source in loaded.sources {
            sources.removeAll { $0.name == source.name }
            sources.append(source)
        }
        let names = loaded.sources.map(\.name).sorted()
        let warnings = Self.unusedPartials(in: loaded.sources, all: sources)
        try self.init(sources: sources, overridden: names, warnings: warnings,
                      diagnostics: diagnostics + loaded.diagnostics)
    }

    /// Parses every source into one library; a syntax error is reported at the template's file, line and column.
    init(sources: [Source], overridden: [String], warnings: [Diagnostic], diagnostics: [Diagnostic])
        throws(DiagnosticsError) {
        var library = MustacheLibrary()
        var diagnostics = diagnostics
        for source in sources {
            do {
                try library.register(source.text, named: source.name)
            } catch let error as MustacheTemplate.ParserError {
                let location = SourceLocation(
                    file: source.path, line: error.context.lineNumber, column: max(1, error.context.columnNumber)
                )
                diagnostics.append(.error("template syntax: \(error.error)", at: location))
            } catch {
                diagnostics.append(.error("template syntax: \(error)", at: .start(of: source.path)))
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
        self.library = library
        self.overridden = overridden
        self.warnings = warnings
    }
}
