// libFuzzer entry point for the schema reader and validator (Parser/, Schema/, Naming/, Diagnostics/), compiled into
// one module with them by `make fuzz`. Any crash, hang or broken invariant is a bug: keep the input as a
// fixture under Tests/Fixtures/schemas/fuzz/ and fix the reader.

/// Reads one input as a schema file and checks the reader's invariants.
@_cdecl("LLVMFuzzerTestOneInput")
public func schemaReaderFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let result = SchemaReader.read(bytes: bytes, file: "fuzz.yaml")
    precondition((result.schema == nil) == result.hasErrors, "a schema must exist exactly when there is no error")
    for diagnostic in result.diagnostics {
        precondition(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "\(diagnostic)")
        precondition(!diagnostic.message.isEmpty, "empty diagnostic message")
    }
    let positions = result.diagnostics.map { [$0.location.line, $0.location.column] }
    precondition(positions == positions.sorted { $0.lexicographicallyPrecedes($1) }, "diagnostics out of order")
    return 0
}
