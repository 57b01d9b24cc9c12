import Foundation

/// Writes one line to standard error.
public func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Prints diagnostics, one per line, in the `PATH:LINE:COL: error: MESSAGE` form editors and SwiftPM read.
/// Lines are written in blocks of about 64 KiB: one write per line made printing a large schema's report a
/// syscall per diagnostic.
public func report(_ diagnostics: [Diagnostic]) {
    var block = ""
    for diagnostic in diagnostics {
        block += diagnostic.description
        block += "\n"
        if block.utf8.count >= 65_536 {
            FileHandle.standardError.write(Data(block.utf8))
            block = ""
        }
    }
    if !block.isEmpty { FileHandle.standardError.write(Data(block.utf8)) }
}

/// Writes `contents` to `path` unless the file already holds exactly that, so unchanged outputs keep their
/// timestamps and nothing downstream rebuilds. Returns whether the file was written.
@discardableResult
public func writeIfChanged(_ contents: String, to path: String) throws -> Bool {
    let data = Data(contents.utf8)
    if let existing = FileManager.default.contents(atPath: path), existing == data {
        return false
    }
    let directory = (path as NSString).deletingLastPathComponent
    if !directory.isEmpty {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    return true
}
