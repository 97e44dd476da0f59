import Testing
@testable import PcapFilter

/// The scanner's longest-match rules on the tricky spellings, one row per input.
@Suite struct LexerTests {
    static func scan(_ text: String) -> [String] {
        var lexer = Lexer(text)
        var out: [String] = []
        while true {
            let token = lexer.next()
            switch token.kind {
            case .end: return out
            case .keyword(let keyword): out.append("kw:\(keyword)")
            case .punctuation(let p): out.append("p:\(p)")
            case .number(let value): out.append("num:\(value)")
            case .name(let name, let escaped): out.append(escaped ? "esc:\(name)" : "id:\(name)")
            case .dotted(let text): out.append("hid:\(text)")
            case .ipv6(let address): out.append("hid6:\(address?.text ?? "bogus")")
            case .mac(let address): out.append("eid:\(address.map { $0.bytes.map(String.init).joined(separator: ",") } ?? "bogus")")
            case .arcnet(let text): out.append("aid:\(text)")
            case .invalid: out.append("error:\(token.scanError?.description ?? "char")")
            }
        }
    }

    static let rows: [(String, [String])] = [
        ("len-1", ["id:len-1"]),
        ("len - 1", ["kw:len", "p:minus", "num:1"]),
        ("80-90", ["id:80-90"]),
        ("tcp-syn", ["num:2"]),
        ("tcp-synx", ["id:tcp-synx"]),
        ("host-", ["kw:host", "p:minus"]),
        ("0x", ["id:0x"]),
        ("0X1F 017 0", ["num:31", "num:15", "num:0"]),
        ("099", ["error:number 099 contains non-octal digit"]),
        ("1.2.3.4.5.6", ["eid:1,2,3,4,5,6"]),
        ("123456789012", ["eid:18,52,86,120,144,18"]),
        ("0102.0304.0506", ["eid:1,2,3,4,5,6"]),
        ("1-2-3-4-5-6", ["eid:1,2,3,4,5,6"]),
        ("10.1 10.1.2", ["hid:10.1", "hid:10.1.2"]),
        ("1.2.3.4.", ["id:1.2.3.4."]),
        ("::ffff:1.2.3.4", ["hid6:::ffff:1.2.3.4"]),
        ("::1.2.3.04", ["hid6:bogus"]),
        ("1:2:3", ["eid:bogus", "num:3"]),
        ("1::2::3", ["eid:bogus", "num:3"]),
        ("$1f", ["aid:$1f"]),
        ("\\tcp", ["esc:tcp"]),
        ("\\", ["error:char"]),
        (">= <= != == << >> && || !", ["p:greaterOrEqual", "p:lessOrEqual", "p:notEqual", "p:equal", "p:shiftLeft",
                                        "p:shiftRight", "kw:and", "kw:or", "kw:not"]),
        ("HOST host", ["id:HOST", "kw:host"]),
        ("es-is icmp6-echo", ["kw:protocolName(PcapFilter.ProtocolQualifier.esis)", "num:128"]),
    ]

    @Test(arguments: rows)
    func scansLikeLibpcap(_ row: (String, [String])) {
        #expect(Self.scan(row.0) == row.1)
    }

    /// Every token carries the exact text range it came from.
    @Test func tokensCarryRanges() {
        var lexer = Lexer("  host\t10.1 ")
        #expect(lexer.next().range == SourceRange(2, 6))
        #expect(lexer.next().range == SourceRange(7, 11))
        #expect(lexer.next().range == SourceRange(12, 12))
    }
}
