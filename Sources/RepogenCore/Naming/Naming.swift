/// The one place where SQL and Swift names are derived from each other.
///
/// ```swift
/// Naming.snakeCase("QuoteStatus")                   // "quote_status"
/// Naming.camelCase("owner_id")                      // "ownerID"
/// Naming.tableName(forEntity: "AnalyticsEvent")     // "analytics_events"
/// ```
public enum Naming {
    /// The longest identifier PostgreSQL keeps, in bytes.
    public static let maximumSQLIdentifierLength = 63

    /// Converts `QuoteStatus` or `HTTPCode` to `quote_status` or `http_code`; snake_case input is kept.
    public static func snakeCase(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return asciiSnakeCase(name) }
        let characters = Array(name)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase && index > 0 && !result.hasSuffix("_") {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let startsWord = previous.isLowercase || previous.isNumber
                    || (previous.isUppercase && next?.isLowercase == true)
                if startsWord { result.append("_") }
            }
            result.append(contentsOf: character.lowercased())
        }
        return result
    }

    /// `snakeCase` of an ASCII name, byte by byte: the same rules without a `Character` per letter (a schema of
    /// many entities derives one table name each).
    private static func asciiSnakeCase(_ name: String) -> String {
        let bytes = Array(name.utf8)
        func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
        func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 4)
        for (index, byte) in bytes.enumerated() {
            if isUpper(byte) && index > 0 && result.last != 0x5F {
                let previous = bytes[index - 1]
                let nextIsLower = index + 1 < bytes.count && isLower(bytes[index + 1])
                if isLower(previous) || isDigit(previous) || (isUpper(previous) && nextIsLower) { result.append(0x5F) }
            }
            result.append(isUpper(byte) ? byte | 0x20 : byte)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Converts `total_amount` to `totalAmount`; the word `id` becomes `ID` after the first word.
    public static func camelCase(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return asciiCamelCase(name) }
        let words = words(of: name)
        guard let first = words.first else { return name }
        return first.lowercased() + words.dropFirst().map(capitalized).joined()
    }

    /// `camelCase` of an ASCII name, byte by byte: the same rules without a `String` per word (a schema of many
    /// entities derives one property per field).
    private static func asciiCamelCase(_ name: String) -> String {
        let underscore = UInt8(ascii: "_")
        var result: [UInt8] = []
        result.reserveCapacity(name.utf8.count)
        for word in name.utf8.split(separator: underscore) {
            if result.isEmpty {
                result.append(contentsOf: word.map { isUppercaseLetter($0) ? $0 | 0x20 : $0 })
            } else if word.count == 2, word.first.map({ $0 | 0x20 }) == UInt8(ascii: "i"),
                      word.last.map({ $0 | 0x20 }) == UInt8(ascii: "d") {
                result.append(contentsOf: "ID".utf8)
            } else if let first = word.first {
                result.append(isLowercaseLetter(first) ? first & ~0x20 : first)
                result.append(contentsOf: word.dropFirst())
            }
        }
        return result.isEmpty ? name : String(decoding: result, as: UTF8.self)
    }

    /// Converts `quote_status` to `QuoteStatus`; the word `id` becomes `ID`.
    public static func pascalCase(_ name: String) -> String {
        let words = words(of: name)
        guard !words.isEmpty else { return name }
        return words.map(capitalized).joined()
    }

    /// The default table of an entity: snake_case with a naively pluralised last word.
    public static func tableName(forEntity entity: String) -> String {
        pluralize(snakeCase(entity))
    }

    /// Adds a naive English plural ending: `+s`, `y` → `ies`, `s`/`x`/`ch`/`sh` → `es`.
    public static func pluralize(_ word: String) -> String {
        if word.hasSuffix("y"), let beforeY = word.dropLast().last, !"aeiou".contains(beforeY) {
            return word.dropLast() + "ies"
        }
        if ["s", "x", "ch", "sh"].contains(where: word.hasSuffix) {
            return word + "es"
        }
        return word + "s"
    }

    /// Whether a name is a safe unquoted PostgreSQL identifier: `^[a-z_][a-z0-9_]*$`, at most 63 bytes.
    public static func isValidSQLIdentifier(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= maximumSQLIdentifierLength else { return false }
        guard isLowercaseLetter(first) || first == UInt8(ascii: "_") else { return false }
        return bytes.allSatisfy { isLowercaseLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// Whether a name is a PascalCase Swift type name: `^[A-Z][A-Za-z0-9]*$`.
    public static func isValidSwiftTypeName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, isUppercaseLetter(first) else { return false }
        return bytes.allSatisfy { isLowercaseLetter($0) || isUppercaseLetter($0) || isDigit($0) }
    }

    /// The non-empty words of a snake_case name.
    private static func words(of name: String) -> [String] {
        name.split(separator: "_").map(String.init)
    }

    /// Capitalises one word, spelling `id` as `ID`.
    private static func capitalized(_ word: String) -> String {
        if word.lowercased() == "id" { return "ID" }
        return word.prefix(1).uppercased() + word.dropFirst()
    }

    static func isLowercaseLetter(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }

    static func isUppercaseLetter(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}

extension Naming {
    /// The default index name, `<table>_<col1>_<col2>_idx` (`_key` when unique), kept within 63 bytes.
    ///
    /// A longer name is cut and given an 8-digit FNV-1a hash of the full name, so it stays deterministic
    /// and distinct: `Naming.indexName(table: "quotes", columns: ["status"], isUnique: false)` is
    /// `quotes_status_idx`.
    public static func indexName(table: String, columns: [String], isUnique: Bool) -> String {
        boundedName(([table] + columns).joined(separator: "_"), suffix: isUnique ? "_key" : "_idx")
    }

    /// `base + suffix`, or, past 63 bytes, `base` cut short plus an 8-digit hash of the full name and `suffix`;
    /// used for every name the generator derives (indexes, constraints) so PostgreSQL never truncates one.
    public static func boundedName(_ base: String, suffix: String) -> String {
        let full = base + suffix
        guard full.utf8.count > maximumSQLIdentifierLength else { return full }
        let hash = String(fnv1a(full), radix: 16)
        let paddedHash = String(repeating: "0", count: max(0, 8 - hash.count)) + hash
        let keptBytes = maximumSQLIdentifierLength - suffix.utf8.count - paddedHash.count - 1
        let kept = String(decoding: base.utf8.prefix(keptBytes), as: UTF8.self)
        return kept + "_" + paddedHash + suffix
    }

    /// The 32-bit FNV-1a hash of a string's UTF-8 bytes.
    private static func fnv1a(_ text: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return hash
    }
}
