extension SchemaDecoder {
    /// Bidirectional formatting characters: they can make a comment display differently from what the compiler
    /// reads (CVE-2021-42574), so no `doc:` may carry one into generated source.
    static let bidiControls: Set<UInt32> = [
        0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
    ]

    /// A `doc:` text: non-empty, and free of control characters other than tabs and line breaks and of
    /// bidirectional formatting characters, which generated comments must never copy.
    mutating func doc(_ entry: MappingEntry) -> Located<String>? {
        guard let doc = text(entry) else { return nil }
        if let scalar = doc.value.unicodeScalars.first(where: Self.isRefusedInDoc) {
            let code = String(scalar.value, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
            let kind = Self.bidiControls.contains(scalar.value) ? "bidirectional formatting" : "control"
            error("'\(entry.key)' contains U+\(padded), a \(kind) character; remove it", at: entry.value.location)
            return nil
        }
        return doc
    }

    /// Whether a character may not appear in a `doc:` text.
    static func isRefusedInDoc(_ scalar: Unicode.Scalar) -> Bool {
        if bidiControls.contains(scalar.value) { return true }
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { return false }
        return scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
