import Foundation
import Mustache

/// The Mustache templates the generator renders, loaded and parsed up front so errors surface before any output.
public struct TemplateSet: Sendable {
    /// The names every set must provide (files `NAME.mustache`).
    public static let requiredNames = ["entities", "entity", "repositories", "repository", "schema"]

    let library: MustacheLibrary

    /// Loads `NAME.mustache` for every required name from `directory`.
    ///
    /// A missing file or a template syntax error becomes a diagnostic naming the template file, line and column.
    public init(directory: String) throws(DiagnosticsError) {
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        for name in Self.requiredNames {
            let path = (directory as NSString).appendingPathComponent(name + ".mustache")
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                diagnostics.append(.error("cannot read template '\(name).mustache'", at: .start(of: path)))
                continue
            }
            do {
                try library.register(text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                let location = SourceLocation(
                    file: path, line: error.context.lineNumber, column: max(1, error.context.columnNumber)
                )
                diagnostics.append(.error("template syntax: \(error.error)", at: location))
            } catch {
                diagnostics.append(.error("template syntax: \(error)", at: .start(of: path)))
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
        self.library = library
    }
}
