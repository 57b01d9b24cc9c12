import Foundation

/// A position in a source file, 1-based, as editors and SwiftPM expect.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The file, by its number in `SourceFileNames`: two locations in one file hold the same number, so equality
    /// and hashing over it agree with comparing the names.
    private var fileNumber: UInt32
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column number.
    public var column: Int

    /// The path of the file as given to the tool.
    public var file: String {
        get { SourceFileNames.name(of: fileNumber) }
        set { fileNumber = SourceFileNames.number(of: newValue) }
    }

    /// Creates a location from a file path and 1-based line and column numbers.
    public init(file: String, line: Int, column: Int) {
        self.init(fileNumber: SourceFileNames.number(of: file), line: line, column: column)
    }

    /// Creates a location in a file already numbered (the parser numbers its file once, not per node).
    init(fileNumber: UInt32, line: Int, column: Int) {
        self.fileNumber = fileNumber
        self.line = line
        self.column = column
    }

    /// `PATH:LINE:COL`, the prefix compilers and editors recognise.
    public var description: String { "\(file):\(line):\(column)" }

    private enum CodingKeys: String, CodingKey {
        case file, line, column
    }

    /// Decodes `file`, `line` and `column`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(file: container.decode(String.self, forKey: .file),
                      line: container.decode(Int.self, forKey: .line),
                      column: container.decode(Int.self, forKey: .column))
    }

    /// Encodes `file`, `line` and `column`, as when the name was a stored property.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }
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

    /// `cannot read WHAT 'PATH'` at the file's start, naming the absolute path tried so a relative one is no riddle.
    public static func unreadable(_ what: String, path: String) -> Diagnostic {
        let tried = path.hasPrefix("/") ? path
            : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return .error("cannot read \(what) '\((tried as NSString).standardizingPath)'", at: .start(of: path))
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
