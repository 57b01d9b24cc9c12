import Foundation
import RepogenTesting

/// Runs the built `repogen advise` and returns its exit status and output (standard output and error together).
func runAdvise(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try builtExecutable("repogen"))
    process.arguments = ["advise"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
