/// A position in a source file, 1-based, as editors and SwiftPM expect.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The path of the file as given to the tool.
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column number.
    public var column: Int

    /// Creates a location from a file path and 1-based line and column numbers.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `PATH:LINE:COL`, the prefix compilers and editors recognise.
    public var description: String { "\(file):\(line):\(column)" }
}

/// A problem found in a schema or a template, with the place it was found.
///
/// ```swift
/// Diagnostic.error("unknown type 'strng'", at: location).description
/// // schema.yaml:12:22: error: unknown type 'strng'
/// ```
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Error {
    /// How serious a diagnostic is.
    public enum Severity: String, Hashable, Sendable {
        case error, warning, note
    }

    /// Whether this is an error, a warning or a note.
    public var severity: Severity
    /// A one-line, human-readable explanation.
    public var message: String
    /// Where the problem is.
    public var location: SourceLocation

    /// Creates a diagnostic.
    public init(severity: Severity, message: String, location: SourceLocation) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// Creates an error diagnostic.
    public static func error(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(severity: .error, message: message, location: location)
    }

    /// Creates a warning diagnostic.
    public static func warning(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(severity: .warning, message: message, location: location)
    }

    /// `PATH:LINE:COL: error: MESSAGE`.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// The diagnostics of a run that produced at least one error; thrown after all were collected.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    /// Every diagnostic of the run, errors and warnings, in source order.
    public var diagnostics: [Diagnostic]

    /// Wraps the diagnostics of a failed run.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension SourceLocation {
    /// Line 1, column 1 of a file: where a problem with the whole file is reported.
    public static func start(of file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1)
    }
}
