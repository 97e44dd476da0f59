/// libpcap 1.10.3's `bpf_validate`, rule for rule.
///
/// It is laxer than the kernel: it checks an opcode's class and its mode or operation bits,
/// not the whole opcode, so codes `bpf_filter` does not know (`0x0e`, `0x18`, `ldx [k]` …)
/// pass; any RET or MISC code passes; constant shifts of 32 or more pass; jumps may go
/// backwards when `i + 1 + k` wraps around 2³²; scratch cells may be read before written;
/// there is no length limit.
enum LibpcapChecker {
    static func check(_ program: [RawInstruction]) throws(ValidationError) {
        guard !program.isEmpty else { throw .emptyProgram }
        for (pc, raw) in program.enumerated() {
            try checkInstruction(raw, at: pc, programLength: program.count)
        }
        guard let last = program.last, OpcodeClass(of: last.code) == .ret else {
            throw .lastInstructionNotReturn
        }
    }

    private static func checkInstruction(
        _ raw: RawInstruction, at pc: Int, programLength: Int
    ) throws(ValidationError) {
        let code = raw.code
        switch OpcodeClass(of: code) {
        case .load, .loadX:
            switch AddressingModeBits(rawValue: code & AddressingModeBits.mask) {
            case .memory?:
                if raw.k >= KernelLimits.scratchCells { throw .scratchIndexOutOfRange(pc: pc) }
            case .immediate?, .absolute?, .indirect?, .length?, .msh?:
                break
            case nil:
                throw .unknownOpcode(pc: pc, code: code)
            }
        case .store, .storeX:
            if raw.k >= KernelLimits.scratchCells { throw .scratchIndexOutOfRange(pc: pc) }
        case .alu:
            let operationBits = code & ALUOperation.mask
            if operationBits == ALUOperation.negateBits { return }
            switch ALUOperation(rawValue: operationBits) {
            case .div?, .mod?:
                if code & Operand.sourceX == 0 && raw.k == 0 { throw .divisionByZero(pc: pc) }
            case .some:
                break
            case nil:
                throw .unknownOpcode(pc: pc, code: code)
            }
        case .jump:
            // libpcap adds in 32-bit unsigned arithmetic, so a huge `k` wraps to a backward
            // jump that still passes.
            let from = UInt32(truncatingIfNeeded: pc + 1)
            let conditionBits = code & JumpCondition.mask
            if conditionBits == JumpCondition.alwaysBits {
                if UInt64(from &+ raw.k) >= UInt64(programLength) { throw .jumpOutOfRange(pc: pc) }
            } else if JumpCondition(rawValue: conditionBits) != nil {
                let length = UInt64(programLength)
                if UInt64(from) + UInt64(raw.jt) >= length || UInt64(from) + UInt64(raw.jf) >= length {
                    throw .jumpOutOfRange(pc: pc)
                }
            } else {
                throw .unknownOpcode(pc: pc, code: code)
            }
        case .ret, .misc:
            break
        }
    }
}
