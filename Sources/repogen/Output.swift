import Foundation

/// Writes one line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Writes `contents` to `path` unless the file already holds exactly that, so unchanged outputs keep their
/// timestamps and nothing downstream rebuilds. Returns whether the file was written.
@discardableResult
func writeIfChanged(_ contents: String, to path: String) throws -> Bool {
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
