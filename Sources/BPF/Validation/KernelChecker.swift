/// The Linux kernel's classic BPF checker: `bpf_check_basics_ok`, then `bpf_check_classic`
/// (opcode whitelist, per-opcode checks, final `ret`), then `check_load_and_stores`.
enum KernelChecker {
    static func check(_ program: [RawInstruction]) throws(ValidationError) {
        guard !program.isEmpty else { throw .emptyProgram }
        guard program.count <= KernelLimits.maximumInstructions else {
            throw .tooLong(count: program.count)
        }
        for (pc, raw) in program.enumerated() {
            try checkInstruction(raw, at: pc, programLength: program.count)
        }
        // Only the two real `ret` opcodes end a program; the whitelist above already made
        // every other RET-class code an unknown opcode.
        switch program.last.map(Instruction.init) {
        case .returnConstant, .returnAccumulator: break
        default: throw .lastInstructionNotReturn
        }
        try ScratchFlowCheck.check(program)
    }

    private static func checkInstruction(
        _ raw: RawInstruction, at pc: Int, programLength: Int
    ) throws(ValidationError) {
        let remaining = programLength - pc - 1
        switch Instruction(raw) {
        case .unknown:
            throw .unknownOpcode(pc: pc, code: raw.code)
        case .alu(.div, .constant(0)), .alu(.mod, .constant(0)):
            throw .divisionByZero(pc: pc)
        case .alu(.leftShift, .constant(let k)), .alu(.rightShift, .constant(let k)):
            if k >= 32 { throw .shiftOutOfRange(pc: pc) }
        case .loadScratch(let cell), .loadXScratch(let cell), .store(let cell), .storeX(let cell):
            if cell >= KernelLimits.scratchCells { throw .scratchIndexOutOfRange(pc: pc) }
        case .jumpAlways(let k):
            if UInt64(k) >= UInt64(remaining) { throw .jumpOutOfRange(pc: pc) }
        case .jump(_, _, let ifTrue, let ifFalse):
            if Int(ifTrue) >= remaining || Int(ifFalse) >= remaining {
                throw .jumpOutOfRange(pc: pc)
            }
        case .loadAbsolute(_, let offset):
            // Only absolute loads reach the ancillary fields; every offset from SKF_AD_OFF
            // up must name one the kernel knows.
            if offset >= AncillaryField.baseOffset, AncillaryField(loadOffset: offset) == nil {
                throw .unknownAncillaryOffset(pc: pc)
            }
        default:
            break
        }
    }
}
