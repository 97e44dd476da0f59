/// libpcap 1.10.3's scanner: at each position every rule of scanner.l is tried, the
/// longest match wins and, at equal length, the rule listed first.
///
/// Tokens are produced on demand because libpcap's parser reads them one at a time: an
/// error the scanner records (a bad number, a bogus address) only exists once the parser
/// has asked for that token.
struct Lexer {
    private let cursor: ByteCursor
    private var position = 0

    init(_ text: String) {
        cursor = ByteCursor(bytes: Array(text.utf8))
    }

    /// The rules in scanner.l order; the order breaks ties between equally long matches.
    private enum Rule: Int, Comparable {
        case keyword, punctuation, arcnet, mac, number, dotted, ipv6, colonRun, constant, name
        case escapedName, anyCharacter

        static func < (a: Rule, b: Rule) -> Bool { a.rawValue < b.rawValue }
    }

    /// Scans the next token.
    mutating func next() -> Token {
        while let byte = cursor[position], byte.isFilterWhitespace { position += 1 }
        let start = position
        guard let first = cursor[start] else {
            return Token(kind: .end, range: SourceRange(start, start))
        }
        var best: (rule: Rule, length: Int) = (.anyCharacter, 1)
        func offer(_ rule: Rule, _ length: Int) {
            if length > best.length || (length == best.length && rule < best.rule) {
                best = (rule, length)
            }
        }
        let nameLength = self.nameLength(at: start)
        if nameLength > 0 {
            switch Vocabulary.lookUp(cursor.text(start, start + nameLength)) {
            case .keyword: offer(.keyword, nameLength)
            case .number: offer(.constant, nameLength)
            case nil: offer(.name, nameLength)
            }
        }
        offer(.punctuation, punctuationLength(at: start))
        if first == 0x24 {
            let digits = cursor.run(from: start + 1, limit: 2) { $0.isHexDigit }
            if digits > 0 { offer(.arcnet, 1 + digits) }
        }
        offer(.mac, cursor.macLength(at: start))
        offer(.number, cursor.numberLength(at: start))
        offer(.dotted, cursor.dottedLength(at: start, minimumParts: 2, maximumParts: 4))
        offer(.ipv6, cursor.ipv6Length(at: start))
        offer(.colonRun, cursor.colonRunLength(at: start))
        if first == 0x5c {
            let rest = cursor.run(from: start + 1) { ![0x20, 0x21, 0x28, 0x29, 0x0a, 0x09].contains($0) }
            if rest > 0 { offer(.escapedName, 1 + rest) }
        }
        let end = start + best.length
        position = end
        return token(best.rule, SourceRange(start, end))
    }

    /// `[A-Za-z0-9]([-_.A-Za-z0-9]*[.A-Za-z0-9])?`: a name may not end in `-` or `_`.
    private func nameLength(at start: Int) -> Int {
        guard let first = cursor[start], first.isLetterOrDigit else { return 0 }
        var length = 1 + cursor.run(from: start + 1) { $0.isNameInterior }
        while let last = cursor[start + length - 1], last == 0x2d || last == 0x5f { length -= 1 }
        return length
    }

    private func punctuationLength(at start: Int) -> Int {
        guard let first = cursor[start] else { return 0 }
        let pair = (first, cursor[start + 1] ?? 0)
        switch pair {
        case (0x3e, 0x3d), (0x3c, 0x3d), (0x21, 0x3d), (0x3d, 0x3d), (0x3c, 0x3c), (0x3e, 0x3e),
            (0x26, 0x26), (0x7c, 0x7c):
            return 2
        default:
            return Array("+-*/%:[]!<>()&|^=".utf8).contains(first) ? 1 : 0
        }
    }

    private func token(_ rule: Rule, _ range: SourceRange) -> Token {
        let text = cursor.text(range.start, range.end)
        let bytes = Array(cursor.bytes[range.start..<range.end])
        switch rule {
        case .keyword, .constant, .name:
            switch Vocabulary.lookUp(text) {
            case .keyword(let keyword): return Token(kind: .keyword(keyword), range: range)
            case .number(let value): return Token(kind: .number(value), range: range)
            case nil: return Token(kind: .name(text, escaped: false), range: range)
            }
        case .punctuation:
            return Token(kind: punctuation(text), range: range)
        case .arcnet:
            return Token(kind: .arcnet(text), range: range)
        case .mac:
            let mac = MACAddress(text: text, bytes: AddressValues.macBytes(bytes))
            return Token(kind: .mac(mac), range: range)
        case .number:
            switch NumberConversion.convert(text) {
            case .success(let value): return Token(kind: .number(value), range: range)
            case .failure(let failure):
                let error: FilterError =
                    failure == .overflow
                    ? .numberOverflow(text: text, at: range) : .nonOctalDigit(text: text, at: range)
                return Token(kind: .invalid, range: range, scanError: error)
            }
        case .dotted:
            return Token(kind: .dotted(text), range: range)
        case .ipv6:
            if let address = AddressValues.ipv6Bytes(bytes) {
                return Token(kind: .ipv6(IPv6Address(text: text, bytes: address)), range: range)
            }
            return Token(kind: .ipv6(nil), range: range, scanError: .bogusIPv6Address(text: text, at: range))
        case .colonRun:
            return Token(kind: .mac(nil), range: range, scanError: .bogusEthernetAddress(text: text, at: range))
        case .escapedName:
            return Token(kind: .name(String(text.dropFirst()), escaped: true), range: range)
        case .anyCharacter:
            return Token(kind: .invalid, range: range)
        }
    }

    private func punctuation(_ text: String) -> TokenKind {
        switch text {
        case "+": .punctuation(.plus)
        case "-": .punctuation(.minus)
        case "*": .punctuation(.star)
        case "/": .punctuation(.slash)
        case "%": .punctuation(.percent)
        case ":": .punctuation(.colon)
        case "[": .punctuation(.leftBracket)
        case "]": .punctuation(.rightBracket)
        case "<": .punctuation(.less)
        case ">": .punctuation(.greater)
        case "(": .punctuation(.leftParen)
        case ")": .punctuation(.rightParen)
        case "&": .punctuation(.ampersand)
        case "|": .punctuation(.pipe)
        case "^": .punctuation(.caret)
        case "=", "==": .punctuation(.equal)
        case ">=": .punctuation(.greaterOrEqual)
        case "<=": .punctuation(.lessOrEqual)
        case "!=": .punctuation(.notEqual)
        case "<<": .punctuation(.shiftLeft)
        case ">>": .punctuation(.shiftRight)
        case "!": .keyword(.not)
        case "&&": .keyword(.and)
        default: .keyword(.or)
        }
    }
}

/// libpcap's `stoulen`: decimal, `0x` hex or leading-zero octal, 32 bits at most.
enum NumberConversion {
    enum Failure: Error { case overflow, nonOctal }

    static func convert(_ text: String) -> Result<UInt32, Failure> {
        let digits = Array(text.utf8)
        var base: UInt32 = 10
        var body = digits[...]
        if digits.count >= 2, digits[0] == 0x30, digits[1] == 0x78 || digits[1] == 0x58 {
            base = 16
            body = digits.dropFirst(2)
        } else if digits.first == 0x30 {
            base = 8
            body = digits.dropFirst()
        }
        var value: UInt32 = 0
        for digit in body {
            let d = UInt32(digit.hexValue)
            if base == 8 && d > 7 { return .failure(.nonOctal) }
            let (product, overflowA) = value.multipliedReportingOverflow(by: base)
            let (sum, overflowB) = product.addingReportingOverflow(d)
            if overflowA || overflowB { return .failure(.overflow) }
            value = sum
        }
        return .success(value)
    }
}
