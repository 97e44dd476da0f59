/// Reads the tokens of one line left to right, with the small vocabulary the parsers share.
struct AssemblyCursor {
    let line: Int
    private let tokens: [AssemblyToken]
    private(set) var position = 0

    init(_ line: AssemblyLine) {
        self.line = line.number
        tokens = line.tokens
    }

    var isAtEnd: Bool { position >= tokens.count }
    var peek: AssemblyToken? { position < tokens.count ? tokens[position] : nil }

    func peek(ahead offset: Int) -> AssemblyToken? {
        position + offset < tokens.count ? tokens[position + offset] : nil
    }

    mutating func next() -> AssemblyToken? {
        defer { position += 1 }
        return peek
    }

    /// Consumes the punctuation `character` if it comes next.
    mutating func take(_ character: Character) -> Bool {
        guard peek?.kind == .punctuation(character) else { return false }
        position += 1
        return true
    }

    /// Consumes the identifier `word` (case-insensitive) if it comes next.
    mutating func take(word: String) -> Bool {
        guard case .identifier(let name) = peek?.kind, name.lowercased() == word else { return false }
        position += 1
        return true
    }

    /// Consumes a register name, `x` or `%x` (likewise `a`), if it comes next.
    mutating func takeRegister(_ name: String) -> Bool {
        if case .identifier(let word) = peek(ahead: 1)?.kind, peek?.kind == .punctuation("%"),
           word.lowercased() == name {
            position += 2
            return true
        }
        return take(word: name)
    }

    /// The identifier that comes next, if any, consumed.
    mutating func takeIdentifier() -> String? {
        guard case .identifier(let name) = peek?.kind else { return nil }
        position += 1
        return name
    }

    /// Whether a (possibly signed) number comes next.
    var atNumber: Bool {
        var offset = 0
        if peek?.kind == .punctuation("-") || peek?.kind == .punctuation("+") { offset = 1 }
        switch peek(ahead: offset)?.kind {
        case .number, .malformedNumber: return true
        default: return false
        }
    }

    /// A number with an optional sign, consumed; `nil` (nothing consumed) when none comes next.
    mutating func takeSignedNumber() throws(AssemblyError) -> SignedNumber? {
        guard atNumber else { return nil }
        var negative = false
        var text = ""
        if take("-") {
            negative = true
            text = "-"
        } else if take("+") {
            text = "+"
        }
        guard let token = next() else { return nil }
        guard case .number(let magnitude, _) = token.kind else {
            throw AssemblyError(line: line, .malformedNumber(token.text))
        }
        return SignedNumber(negative: negative, magnitude: magnitude, text: text + token.text)
    }

    /// Fails with "'mnemonic' expects …, found …" naming the next token.
    func badOperand(_ instruction: String, expected: String) -> AssemblyError {
        AssemblyError(
            line: line,
            .badOperand(instruction: instruction, expected: expected, found: AssemblyToken.describe(peek)))
    }

    /// Consumes `character` or fails with a `badOperand` error.
    mutating func expect(_ character: Character, in instruction: String, expected: String) throws(AssemblyError) {
        guard take(character) else { throw badOperand(instruction, expected: expected) }
    }

    /// Fails when tokens are left after a complete instruction.
    func expectEnd() throws(AssemblyError) {
        if let token = peek {
            throw AssemblyError(line: line, .unexpectedText("'\(token.text)'"))
        }
    }
}

/// A number as written, sign and all, before it is fitted to a field.
struct SignedNumber {
    var negative: Bool
    var magnitude: UInt64
    var text: String

    /// The 32-bit word C would store: non-negative values up to 2³²−1, negative ones down to
    /// −2³¹ in two's complement.
    func word(line: Int) throws(AssemblyError) -> UInt32 {
        if !negative, magnitude <= UInt64(UInt32.max) { return UInt32(magnitude) }
        if negative, magnitude <= 0x8000_0000 { return UInt32(truncatingIfNeeded: 0 &- magnitude) }
        throw AssemblyError(line: line, .numberOutOfRange(text, field: "32 bits"))
    }

    /// The value as an instruction index (jump targets are absolute, as in `tcpdump -d`).
    func index(line: Int) throws(AssemblyError) -> Int64 {
        guard magnitude <= UInt64(UInt32.max) else {
            throw AssemblyError(line: line, .numberOutOfRange(text, field: "a jump target"))
        }
        return negative ? -Int64(magnitude) : Int64(magnitude)
    }

    /// The value as an unsigned field of `bits` bits, which takes no sign.
    func unsigned(bits: Int, field: String, line: Int) throws(AssemblyError) -> UInt64 {
        guard !negative, magnitude < (UInt64(1) << bits) else {
            throw AssemblyError(line: line, .numberOutOfRange(text, field: field))
        }
        return magnitude
    }
}
