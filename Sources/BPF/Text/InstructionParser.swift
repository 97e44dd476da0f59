/// Parses one instruction, mnemonic and operands, in either `tcpdump -d` or `bpf_asm` spelling.
enum InstructionParser {
    private static let load = OpcodeClass.load.rawValue
    private static let loadX = OpcodeClass.loadX.rawValue

    static func parse(_ cursor: inout AssemblyCursor) throws(AssemblyError) -> AssemblyStatement {
        let line = cursor.line
        guard let word = cursor.takeIdentifier() else {
            throw AssemblyError(line: line, .unknownInstruction(cursor.peek?.text ?? ""))
        }
        let mnemonic = word.lowercased()
        switch mnemonic {
        case "ld": return try OperandParser.load(&cursor, mnemonic, size: .word)
        case "ldh": return try OperandParser.load(&cursor, mnemonic, size: .half)
        case "ldb": return try OperandParser.load(&cursor, mnemonic, size: .byte)
        case "ldi":
            return AssemblyStatement(line: line, code: load, k: try OperandParser.immediate(&cursor, mnemonic))
        case "ldx": return try OperandParser.loadX(&cursor, mnemonic)
        case "ldxi":
            return AssemblyStatement(line: line, code: loadX, k: try OperandParser.immediate(&cursor, mnemonic))
        case "ldxb":
            let k = try OperandParser.headerLength(&cursor, mnemonic, multiplier: nil)
            return AssemblyStatement(line: line, code: Instruction.loadXIPHeaderLength(offset: 0).raw.code, k: k)
        case "st", "stx":
            let k = try OperandParser.scratchCell(&cursor, mnemonic)
            let code = mnemonic == "st" ? OpcodeClass.store.rawValue : OpcodeClass.storeX.rawValue
            return AssemblyStatement(line: line, code: code, k: k)
        case "ja", "jmp":
            var statement = AssemblyStatement(line: line, code: Instruction.jumpAlways(0).raw.code)
            statement.always = try OperandParser.target(&cursor, mnemonic)
            return statement
        case "jeq": return try conditional(&cursor, mnemonic, .equal, negated: false)
        case "jgt": return try conditional(&cursor, mnemonic, .greater, negated: false)
        case "jge": return try conditional(&cursor, mnemonic, .greaterOrEqual, negated: false)
        case "jset": return try conditional(&cursor, mnemonic, .bitsSet, negated: false)
        // bpf_asm has no opcodes for these: it encodes the opposite test with the branches swapped.
        case "jneq", "jne": return try conditional(&cursor, mnemonic, .equal, negated: true)
        case "jlt": return try conditional(&cursor, mnemonic, .greaterOrEqual, negated: true)
        case "jle": return try conditional(&cursor, mnemonic, .greater, negated: true)
        case "neg":
            return AssemblyStatement(line: line, code: Instruction.negate.raw.code)
        case "tax":
            return AssemblyStatement(line: line, code: Instruction.tax.raw.code)
        case "txa":
            return AssemblyStatement(line: line, code: Instruction.txa.raw.code)
        case "ret": return try OperandParser.ret(&cursor, mnemonic)
        case "unimp": return try unimplemented(&cursor, mnemonic)
        default:
            guard let operation = ALUOperation.allCases.first(where: { aluMnemonic($0) == mnemonic }) else {
                throw AssemblyError(line: line, .unknownInstruction(word))
            }
            let operand = try OperandParser.operand(&cursor, mnemonic)
            return AssemblyStatement(line: line, raw: Instruction.alu(operation, operand).raw)
        }
    }

    /// `jeq #k, t[, f]`, `jeq x, t[, f]` (`bpf_asm`) or `jeq #k jt t jf f` (`tcpdump -d`).
    /// With `negated`, both forms name the targets of the written test, which is encoded as its
    /// opposite: `jlt #k, t, f` is `jge #k` with `jt = f` and `jf = t`.
    private static func conditional(
        _ cursor: inout AssemblyCursor, _ mnemonic: String, _ condition: JumpCondition, negated: Bool
    ) throws(AssemblyError) -> AssemblyStatement {
        let operand = try OperandParser.operand(&cursor, mnemonic)
        var statement = AssemblyStatement(
            line: cursor.line, raw: Instruction.jump(condition, operand, ifTrue: 0, ifFalse: 0).raw)
        let (whenTrue, whenFalse) = try OperandParser.branches(&cursor, mnemonic)
        statement.ifTrue = negated ? whenFalse : whenTrue
        statement.ifFalse = negated ? whenTrue : whenFalse
        return statement
    }

    /// `unimp 0xNN`, libpcap's text for an opcode it cannot name, with the `jt`/`jf` columns it
    /// prints for the jump class.
    private static func unimplemented(
        _ cursor: inout AssemblyCursor, _ mnemonic: String
    ) throws(AssemblyError) -> AssemblyStatement {
        guard let number = try cursor.takeSignedNumber() else {
            throw cursor.badOperand(mnemonic, expected: "an opcode")
        }
        let code = try number.unsigned(bits: 16, field: "an opcode (16 bits)", line: cursor.line)
        var statement = AssemblyStatement(line: cursor.line, code: UInt16(code))
        if cursor.take(word: "jt") {
            statement.ifTrue = try OperandParser.target(&cursor, mnemonic)
            guard cursor.take(word: "jf") else { throw cursor.badOperand(mnemonic, expected: "'jf'") }
            statement.ifFalse = try OperandParser.target(&cursor, mnemonic)
        }
        return statement
    }
}

extension AssemblyStatement {
    init(line: Int, raw: RawInstruction) {
        self.init(line: line, code: raw.code, k: raw.k)
    }
}
