/// The operand forms instructions share: immediates, packet and scratch addresses, the
/// `4*([k]&0xf)` header length, registers and jump targets.
enum OperandParser {
    private static let loadClass = OpcodeClass.load.rawValue
    private static let loadXClass = OpcodeClass.loadX.rawValue

    /// `ld`/`ldh`/`ldb` operands: `[k]`, `[x + k]`, `[name]`, `name`, `#name` for every size;
    /// `#k`, `k`, `#len`/`len`/`#pktlen` and `M[k]` for a word load only.
    static func load(
        _ cursor: inout AssemblyCursor, _ mnemonic: String, size: LoadSize
    ) throws(AssemblyError) -> AssemblyStatement {
        let line = cursor.line
        let expected = size == .word
            ? "[k], [x + k], M[k], #k, #len or an ancillary name"
            : "[k], [x + k] or an ancillary name"
        if cursor.take("[") {
            let instruction: Instruction
            if cursor.takeRegister("x") {
                var k: UInt32 = 0
                if cursor.take("+") {
                    guard let number = try cursor.takeSignedNumber() else { throw cursor.badOperand(mnemonic, expected: "an offset after 'x +'") }
                    k = try number.word(line: line)
                }
                instruction = .loadIndirect(size, offset: k)
            } else if let k = ancillaryOffset(&cursor) {
                instruction = .loadAbsolute(size, offset: k)
            } else if let number = try cursor.takeSignedNumber() {
                instruction = .loadAbsolute(size, offset: try number.word(line: line))
            } else {
                throw cursor.badOperand(mnemonic, expected: "an offset after '['")
            }
            try cursor.expect("]", in: mnemonic, expected: "']'")
            return AssemblyStatement(line: line, raw: instruction.raw)
        }
        let hasHash = cursor.take("#")
        if let k = ancillaryOffset(&cursor) {
            return AssemblyStatement(line: line, raw: Instruction.loadAbsolute(size, offset: k).raw)
        }
        guard size == .word else { throw cursor.badOperand(mnemonic, expected: expected) }
        if cursor.take(word: "len") || cursor.take(word: "pktlen") {
            return AssemblyStatement(line: line, raw: Instruction.loadLength.raw)
        }
        if !hasHash, cursor.peek.map({ $0.text.lowercased() == "m" }) == true {
            let cell = try scratchCell(&cursor, mnemonic)
            return AssemblyStatement(line: line, raw: Instruction.loadScratch(cell: cell).raw)
        }
        guard let number = try cursor.takeSignedNumber() else { throw cursor.badOperand(mnemonic, expected: expected) }
        return AssemblyStatement(line: line, code: loadClass, k: try number.word(line: line))
    }

    /// `ldx` operands: `#k`, `k`, `#len`/`len`, `M[k]`, `4*([k]&0xf)`.
    static func loadX(_ cursor: inout AssemblyCursor, _ mnemonic: String) throws(AssemblyError) -> AssemblyStatement {
        let line = cursor.line
        let hasHash = cursor.take("#")
        if cursor.take(word: "len") || cursor.take(word: "pktlen") {
            return AssemblyStatement(line: line, raw: Instruction.loadXLength.raw)
        }
        if !hasHash, cursor.peek.map({ $0.text.lowercased() == "m" }) == true {
            let cell = try scratchCell(&cursor, mnemonic)
            return AssemblyStatement(line: line, raw: Instruction.loadXScratch(cell: cell).raw)
        }
        guard let number = try cursor.takeSignedNumber() else {
            throw cursor.badOperand(mnemonic, expected: "#k, #len, M[k] or 4*([k]&0xf)")
        }
        if !hasHash, cursor.peek?.kind == .punctuation("*") {
            let k = try headerLength(&cursor, mnemonic, multiplier: number)
            return AssemblyStatement(line: line, raw: Instruction.loadXIPHeaderLength(offset: k).raw)
        }
        return AssemblyStatement(line: line, code: loadXClass, k: try number.word(line: line))
    }

    /// `4*([k]&0xf)`, returning `k`; the multiplier may already have been read.
    static func headerLength(
        _ cursor: inout AssemblyCursor, _ mnemonic: String, multiplier: SignedNumber?
    ) throws(AssemblyError) -> UInt32 {
        let line = cursor.line
        let expected = "4*([k]&0xf)"
        var factor = multiplier
        if factor == nil { factor = try cursor.takeSignedNumber() }
        guard let factor else {
            throw cursor.badOperand(mnemonic, expected: expected)
        }
        try cursor.expect("*", in: mnemonic, expected: "'*' in \(expected)")
        try cursor.expect("(", in: mnemonic, expected: "'(' in \(expected)")
        try cursor.expect("[", in: mnemonic, expected: "'[' in \(expected)")
        guard let offset = try cursor.takeSignedNumber() else { throw cursor.badOperand(mnemonic, expected: "an offset in \(expected)") }
        try cursor.expect("]", in: mnemonic, expected: "']' in \(expected)")
        try cursor.expect("&", in: mnemonic, expected: "'&' in \(expected)")
        guard let mask = try cursor.takeSignedNumber() else { throw cursor.badOperand(mnemonic, expected: "a mask in \(expected)") }
        try cursor.expect(")", in: mnemonic, expected: "')' in \(expected)")
        guard !factor.negative, factor.magnitude == 4, !mask.negative, mask.magnitude == 0xf else {
            throw AssemblyError(line: line, .unsupportedHeaderLengthForm)
        }
        return try offset.word(line: line)
    }

    /// `M[k]`.
    static func scratchCell(_ cursor: inout AssemblyCursor, _ mnemonic: String) throws(AssemblyError) -> UInt32 {
        guard cursor.take(word: "m"), cursor.take("["), let number = try cursor.takeSignedNumber() else {
            throw cursor.badOperand(mnemonic, expected: "M[k]")
        }
        try cursor.expect("]", in: mnemonic, expected: "']'")
        return try number.word(line: cursor.line)
    }

    /// An immediate: `#k` or `k`.
    static func immediate(_ cursor: inout AssemblyCursor, _ mnemonic: String) throws(AssemblyError) -> UInt32 {
        _ = cursor.take("#")
        guard let number = try cursor.takeSignedNumber() else { throw cursor.badOperand(mnemonic, expected: "#k") }
        return try number.word(line: cursor.line)
    }

    /// The second operand of an ALU operation or a comparison: `#k`, `k`, `x` or `%x`.
    static func operand(_ cursor: inout AssemblyCursor, _ mnemonic: String) throws(AssemblyError) -> Operand {
        if cursor.takeRegister("x") { return .x }
        _ = cursor.take("#")
        guard let number = try cursor.takeSignedNumber() else { throw cursor.badOperand(mnemonic, expected: "#k or x") }
        return .constant(try number.word(line: cursor.line))
    }

    /// `ret` operands: none or `a`/`%a` (the accumulator), `x`/`%x` (0x0e, which `bpf_asm`
    /// emits though no interpreter runs it), `#k` or `k`.
    static func ret(_ cursor: inout AssemblyCursor, _ mnemonic: String) throws(AssemblyError) -> AssemblyStatement {
        let line = cursor.line
        if cursor.isAtEnd || cursor.takeRegister("a") {
            return AssemblyStatement(line: line, raw: Instruction.returnAccumulator.raw)
        }
        if cursor.takeRegister("x") {
            return AssemblyStatement(line: line, code: OpcodeClass.ret.rawValue | Operand.sourceX)
        }
        return AssemblyStatement(line: line, raw: Instruction.returnConstant(try immediate(&cursor, mnemonic)).raw)
    }

    /// A jump target: a label, or an absolute instruction index as `tcpdump -d` prints it.
    static func target(_ cursor: inout AssemblyCursor, _ mnemonic: String) throws(AssemblyError) -> JumpTarget {
        if let name = cursor.takeIdentifier() { return .label(name) }
        guard let number = try cursor.takeSignedNumber() else { throw cursor.badOperand(mnemonic, expected: "a jump target") }
        return .index(try number.index(line: cursor.line))
    }

    /// The targets of a comparison, for its test holding and failing: `, t[, f]` or `jt t jf f`.
    /// A missing target falls through to the next instruction.
    static func branches(
        _ cursor: inout AssemblyCursor, _ mnemonic: String
    ) throws(AssemblyError) -> (JumpTarget?, JumpTarget?) {
        if cursor.take(",") {
            let first = try target(&cursor, mnemonic)
            return (first, cursor.take(",") ? try target(&cursor, mnemonic) : nil)
        }
        guard cursor.take(word: "jt") else { throw cursor.badOperand(mnemonic, expected: "', label' or 'jt N jf N'") }
        let first = try target(&cursor, mnemonic)
        guard cursor.take(word: "jf") else { throw cursor.badOperand(mnemonic, expected: "'jf'") }
        return (first, try target(&cursor, mnemonic))
    }

    /// An ancillary name (`proto`, `vlanp`, `vlan_tci`, …), consumed if one comes next.
    private static func ancillaryOffset(_ cursor: inout AssemblyCursor) -> UInt32? {
        guard case .identifier(let name) = cursor.peek?.kind, let k = AncillaryNames.offset(forName: name) else {
            return nil
        }
        _ = cursor.next()
        return k
    }
}
