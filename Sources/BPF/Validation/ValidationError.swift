/// Why a program was rejected: one case per rule, naming the instruction that broke it.
public enum ValidationError: Error, Hashable, Sendable {
    /// The program has no instructions.
    case emptyProgram
    /// The program has more instructions than the kernel accepts (`BPF_MAXINSNS`, 4096).
    case tooLong(count: Int)
    /// The opcode at `pc` is not one the checker accepts.
    case unknownOpcode(pc: Int, code: UInt16)
    /// A jump at `pc` lands past the last instruction (or, for the kernel, goes backwards).
    case jumpOutOfRange(pc: Int)
    /// A `div` or `mod` at `pc` divides by the constant 0.
    case divisionByZero(pc: Int)
    /// A shift at `pc` shifts by a constant of 32 or more.
    case shiftOutOfRange(pc: Int)
    /// A load or store at `pc` names a scratch cell beyond `M[15]`.
    case scratchIndexOutOfRange(pc: Int)
    /// A load at `pc` reads scratch cell `cell`, which some path to it has not written.
    case scratchReadBeforeWrite(pc: Int, cell: UInt32)
    /// The last instruction is not a `ret`.
    case lastInstructionNotReturn
    /// A load at `pc` names an offset in the kernel's ancillary range (`SKF_AD_OFF` + n)
    /// that the kernel does not know.
    case unknownAncillaryOffset(pc: Int)
}

extension ValidationError: CustomStringConvertible {
    /// The user-facing message.
    public var description: String {
        switch self {
        case .emptyProgram:
            "invalid BPF program: it has no instructions"
        case .tooLong(let count):
            "invalid BPF program: \(count) instructions, more than the kernel's limit of \(KernelLimits.maximumInstructions)"
        case .unknownOpcode(let pc, let code):
            "invalid BPF program: unknown opcode 0x\(String(code, radix: 16)) at instruction \(pc)"
        case .jumpOutOfRange(let pc):
            "invalid BPF program: the jump at instruction \(pc) leaves the program"
        case .divisionByZero(let pc):
            "invalid BPF program: division by the constant 0 at instruction \(pc)"
        case .shiftOutOfRange(let pc):
            "invalid BPF program: shift by 32 or more at instruction \(pc)"
        case .scratchIndexOutOfRange(let pc):
            "invalid BPF program: scratch memory index out of range at instruction \(pc)"
        case .scratchReadBeforeWrite(let pc, let cell):
            "invalid BPF program: instruction \(pc) reads M[\(cell)] before it is written"
        case .lastInstructionNotReturn:
            "invalid BPF program: the last instruction is not a return"
        case .unknownAncillaryOffset(let pc):
            "invalid BPF program: unknown ancillary offset at instruction \(pc)"
        }
    }
}
