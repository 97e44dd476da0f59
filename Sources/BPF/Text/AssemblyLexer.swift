/// One token of assembler text.
struct AssemblyToken: Hashable {
    enum Kind: Hashable {
        /// A mnemonic, label, register or ancillary name: `[A-Za-z_][A-Za-z0-9_]*`.
        case identifier(String)
        /// An unsigned number in C notation; the sign, if any, is a separate `-`/`+` token.
        /// Values beyond 64 bits saturate (every field then rejects them).
        case number(magnitude: UInt64, radix: Int)
        /// A word starting with a digit that is no number (`0x`, `12ab`, `09`); an error only
        /// where a number is read, since `tcpdump -d`'s `(008)` is decimal, not octal.
        case malformedNumber
        /// One of `: , # % [ ] ( ) + - * & { }`.
        case punctuation(Character)
    }

    var kind: Kind
    /// The token as written, for messages.
    var text: String

    /// `'text'`, or "the end of the line" for a missing token.
    static func describe(_ token: AssemblyToken?) -> String {
        token.map { "'\($0.text)'" } ?? "the end of the line"
    }
}

/// The tokens of one line (a `/* */` comment spanning lines joins them into the first).
struct AssemblyLine: Hashable {
    /// The 1-based line number.
    var number: Int
    var tokens: [AssemblyToken]
}

/// Splits assembler text into lines of tokens, dropping blank lines and comments: `;` to the
/// end of the line, `/* … */`, and lines whose first character is `#` (all three are
/// `bpf_asm`'s).
enum AssemblyLexer {
    static let punctuation: Set<Character> = [":", ",", "#", "%", "[", "]", "(", ")", "+", "-", "*", "&", "{", "}"]

    static func lines(of text: String) throws(AssemblyError) -> [AssemblyLine] {
        let scalars = Array(text.unicodeScalars)
        var lines: [AssemblyLine] = []
        var current = AssemblyLine(number: 1, tokens: [])
        var lineNumber = 1
        var atLineStart = true
        var index = 0

        func finishLine() {
            if !current.tokens.isEmpty { lines.append(current) }
            current = AssemblyLine(number: lineNumber, tokens: [])
        }

        while index < scalars.count {
            let scalar = scalars[index]
            let character = Character(scalar)
            if scalar == "\n" {
                lineNumber += 1
                index += 1
                finishLine()
                atLineStart = true
                continue
            }
            if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\u{0B}" || scalar == "\u{0C}" {
                index += 1
                continue
            }
            if scalar == ";" || (scalar == "#" && atLineStart) {
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                continue
            }
            atLineStart = false
            if scalar == "/", index + 1 < scalars.count, scalars[index + 1] == "*" {
                let startLine = lineNumber
                index += 2
                while true {
                    guard index < scalars.count else {
                        throw AssemblyError(line: startLine, .unterminatedComment)
                    }
                    if scalars[index] == "*", index + 1 < scalars.count, scalars[index + 1] == "/" {
                        index += 2
                        break
                    }
                    if scalars[index] == "\n" { lineNumber += 1 }
                    index += 1
                }
                continue
            }
            if isWordCharacter(scalar) {
                let start = index
                while index < scalars.count, isWordCharacter(scalars[index]) { index += 1 }
                let word = String(String.UnicodeScalarView(scalars[start..<index]))
                if isDigit(scalar) {
                    current.tokens.append(number(word))
                } else {
                    current.tokens.append(AssemblyToken(kind: .identifier(word), text: word))
                }
                continue
            }
            guard punctuation.contains(character) else {
                throw AssemblyError(line: lineNumber, .unexpectedCharacter(character))
            }
            current.tokens.append(AssemblyToken(kind: .punctuation(character), text: String(character)))
            index += 1
        }
        finishLine()
        return lines
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    /// Reads a C-style literal: `0x…` hex, `0b…` binary, `0…` octal, otherwise decimal.
    private static func number(_ word: String) -> AssemblyToken {
        let malformed = AssemblyToken(kind: .malformedNumber, text: word)
        let lowered = word.lowercased()
        let digits: Substring
        let radix: Int
        if lowered.hasPrefix("0x") {
            (digits, radix) = (lowered.dropFirst(2), 16)
        } else if lowered.hasPrefix("0b") {
            (digits, radix) = (lowered.dropFirst(2), 2)
        } else if lowered.hasPrefix("0"), lowered.count > 1 {
            (digits, radix) = (lowered.dropFirst(1), 8)
        } else {
            (digits, radix) = (lowered[...], 10)
        }
        guard !digits.isEmpty else { return malformed }
        var magnitude: UInt64 = 0
        for digit in digits {
            guard let value = digit.hexDigitValue, value < radix else { return malformed }
            let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: UInt64(radix))
            let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(value))
            magnitude = overflow1 || overflow2 ? UInt64.max : sum
        }
        return AssemblyToken(kind: .number(magnitude: magnitude, radix: radix), text: word)
    }
}
