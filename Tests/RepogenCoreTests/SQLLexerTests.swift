import RepogenSQL
import Testing

/// `SQLLexer` cuts text where PostgreSQL does, for every token kind and for the hostile spellings that fooled
/// the scanners it replaced.
struct SQLLexerTests {
    /// Kind and text of every significant token.
    private func significant(_ text: String) -> [(SQLToken.Kind, String)] {
        SQLLexer.tokens(of: text).filter { !$0.isTrivia }.map { ($0.kind, $0.text) }
    }

    private func only(_ text: String) -> SQLToken {
        let tokens = SQLLexer.tokens(of: text)
        #expect(tokens.count == 1, "\(text) lexed as \(tokens.map(\.text))")
        return tokens[0]
    }

    @Test func everyKindOfToken() {
        let tokens = SQLLexer.tokens(
            of: "a_1$ \"Q\"\"x\" 'it''s' B'01' $$d$$ $2 1.5e3 <> ( ) [ ] , ; : :: . -- c\n/* b */")
        #expect(tokens.filter { !$0.isTrivia }.map(\.kind) == [
            .identifier, .quotedIdentifier, .string, .bitString, .dollarString, .parameter, .number,
            .operatorSymbol, .punctuation, .punctuation, .punctuation, .punctuation, .punctuation, .punctuation,
            .punctuation, .punctuation, .punctuation,
        ])
        #expect(tokens.filter(\.isTrivia).map(\.kind).contains(.lineComment))
        #expect(tokens.last?.kind == .blockComment)
        #expect(tokens[2].value == "Q\"x")
        #expect(tokens[4].value == "it's")
        #expect(tokens.allSatisfy { $0.problem == nil })
    }

    @Test func escapeStringsUseBackslashes() {
        let token = only(#"E'a\'b\\c\n\x41\101\u00e9\U0001F600'"#)
        #expect(token.kind == .string)
        #expect(token.value == "a'b\\c\nAA\u{e9}\u{1F600}")
        #expect(only("e'x'''").value == "x'")
        #expect(only("N'n'").value == "n")
    }

    @Test func standardStringsKeepBackslashes() {
        #expect(significant(#"'a\' ; 'b'"#).map(\.1) == [#"'a\'"#, ";", "'b'"])
    }

    @Test func hostileEscapeStringHidesNothing() {
        let text = #"x = E'\''; DROP TABLE x; --'"#
        #expect(significant(text).map(\.1) == ["x", "=", #"E'\''"#, ";", "DROP", "TABLE", "x", ";"])
    }

    @Test func unicodeStringsAndIdentifiers() {
        #expect(only(#"U&'d\0061t\+000061'"#).value == "data")
        let custom = SQLLexer.tokens(of: "U&'d!0061t!!' UESCAPE '!'")
        #expect(custom.count == 1)
        #expect(custom[0].value == "dat!")
        let identifier = only(#"u&"\0061b""#)
        #expect(identifier.kind == .quotedIdentifier)
        #expect(identifier.value == "ab")
        #expect(SQLLexer.tokens(of: "U&'x' UESCAPE '+'")[0].problem == "invalid Unicode escape character")
    }

    @Test func bitStrings() {
        #expect(only("B'0101'").value == "0101")
        #expect(only("x'FF'").kind == .bitString)
        #expect(only("B'012'").problem == "invalid binary digit")
    }

    @Test func dollarQuotesWithDigitsInTheTag() {
        let tokens = significant("$a1$ ; $a$ ; $a1$ ; x")
        #expect(tokens.map(\.1) == ["$a1$ ; $a$ ; $a1$", ";", "x"])
        #expect(only("$$;$$").value == ";")
        #expect(significant("$1a$")[0].0 == .parameter)
        #expect(only("$x$ open").problem == "unterminated dollar-quoted string")
    }

    @Test func identifiersMayHoldDollars() {
        #expect(significant("a$b$ ; c").map(\.1) == ["a$b$", ";", "c"])
        #expect(only("café").kind == .identifier)
    }

    @Test func nestedBlockComments() {
        let tokens = significant("/* a /* b; */ c; */ x; /* open")
        #expect(tokens.map(\.1) == ["x", ";"])
        #expect(SQLLexer.tokens(of: "/* a /* b */").first?.problem == "unterminated /* comment")
    }

    @Test func stringsContinueAcrossANewline() {
        let token = only("E'a'\n  -- note\n'\\''")
        #expect(token.value == "a'")
        #expect(significant("'a' 'b'").count == 2)
    }

    @Test func operatorsFollowPostgresRules() {
        #expect(significant("a=-1").map(\.1) == ["a", "=", "-", "1"])
        #expect(significant("a @- b").map(\.1) == ["a", "@-", "b"])
        #expect(significant("a<-- c\n>b").map(\.1) == ["a", "<", ">", "b"])
        #expect(significant("a*/*c*/b").map(\.1) == ["a", "*", "b"])
    }

    @Test func numbers() {
        #expect(significant("1 .5 2.5e-3 0x1F 1_000").allSatisfy { $0.0 == .number })
        #expect(only("12abc").problem == "trailing junk after numeric literal")
        #expect(significant("1..2").map(\.1) == ["1", ".", ".2"])
    }

    @Test func malformedTokensSayWhy() {
        #expect(only("'open").problem == "unterminated quoted string")
        #expect(only("\"\"").problem == "empty identifier")
        #expect(only(#"E'\u12'"#).problem == "invalid Unicode escape")
        #expect(only(#"E'\0'"#).problem == "a NUL character is not allowed")
        #expect(only(#"E'\xff'"#).problem == "invalid UTF-8 after escapes")
        #expect(only("\\").problem == "unexpected character")
    }

    @Test func canonicalLiteralsMeanTheSameUnderEitherSetting() {
        #expect(SQLLiteral.string("it's") == "'it''s'")
        #expect(SQLLiteral.string(#"a\'b"#) == #"E'a\\''b'"#)
        #expect(SQLLiteral.identifier("a\"b") == "\"a\"\"b\"")
        for value in ["x", #"\"#, #"'\''; DROP TABLE t; --"#, "é\u{1F600}"] {
            #expect(SQLLexer.tokens(of: SQLLiteral.string(value)).map(\.value) == [value])
        }
        #expect(SQLLiteral.controlCharacter(in: "a\u{0}b").map(SQLLiteral.describe) == "U+0000 (NUL)")
        #expect(SQLLiteral.controlCharacter(in: "tab\there") == "\t")
        #expect(SQLLiteral.controlCharacter(in: "plain é") == nil)
    }
}
