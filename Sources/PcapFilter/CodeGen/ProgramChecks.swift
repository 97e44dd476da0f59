import BPF

/// A rule of the Linux kernel's classic-BPF checker that a generated program breaks.
public enum ProgramCheckFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The program has no instructions or more than the kernel's 4096.
    case badLength(Int)
    /// A jump at `from` lands outside the program.
    case jumpOutOfRange(from: Int)
    /// The last instruction is not a return, so control could run off the end.
    case missingFinalReturn
    /// An instruction the kernel does not know.
    case unknownInstruction(at: Int)
    /// A scratch cell outside `M[0]`…`M[15]`.
    case badScratchCell(at: Int)
    /// A division or modulus by the constant zero, which the kernel refuses.
    case divisionByConstantZero(at: Int)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .badLength(let count): "program has \(count) instructions (must be 1 to 4096)"
        case .jumpOutOfRange(let from): "jump at \(from) leaves the program"
        case .missingFinalReturn: "last instruction is not a return"
        case .unknownInstruction(let at): "unknown instruction at \(at)"
        case .badScratchCell(let at): "scratch cell out of range at \(at)"
        case .divisionByConstantZero(let at): "division by constant zero at \(at)"
        }
    }
}

/// The structural checks code generation can make on its own output; the complete kernel
/// validator lives with the interpreter.
public enum ProgramChecks {
    /// The kernel's limit on program length (`BPF_MAXINSNS`).
    public static let maximumLength = 4096
    /// The number of scratch cells (`BPF_MEMWORDS`).
    public static let scratchCells: UInt32 = 16

    /// Throws the first rule `program` breaks.
    public static func check(_ program: Program) throws(ProgramCheckFailure) {
        let instructions = program.instructions
        guard (1...maximumLength).contains(instructions.count) else { throw .badLength(instructions.count) }
        for (pc, instruction) in instructions.enumerated() {
            let next = pc + 1
            switch instruction {
            case .jumpAlways(let k):
                guard UInt64(next) + UInt64(k) < UInt64(instructions.count) else { throw .jumpOutOfRange(from: pc) }
            case let .jump(_, _, ifTrue, ifFalse):
                guard next + Int(max(ifTrue, ifFalse)) < instructions.count else { throw .jumpOutOfRange(from: pc) }
            case .loadScratch(let cell), .loadXScratch(let cell), .store(let cell), .storeX(let cell):
                guard cell < scratchCells else { throw .badScratchCell(at: pc) }
            case .alu(.div, .constant(0)), .alu(.mod, .constant(0)):
                throw .divisionByConstantZero(at: pc)
            case .unknown:
                throw .unknownInstruction(at: pc)
            default:
                break
            }
        }
        switch instructions.last {
        case .returnConstant, .returnAccumulator: break
        default: throw .missingFinalReturn
        }
    }
}
