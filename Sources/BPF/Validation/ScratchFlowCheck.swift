/// The kernel's `check_load_and_stores`: a scratch cell may be read only if every path to
/// the read has written it.
///
/// One forward pass suffices because the kernel's programs only jump forward: the set of
/// cells known written at an instruction is the intersection over the fall-through edge and
/// every jump that lands there. After a jump the fall-through set is "everything", since
/// only jumps can reach the next instruction.
enum ScratchFlowCheck {
    /// Expects a program whose jumps the kernel checker has already found in range and whose
    /// scratch indices are below 16.
    static func check(_ program: [RawInstruction]) throws(ValidationError) {
        let all: UInt16 = 0xFFFF
        var incoming = [UInt16](repeating: all, count: program.count)
        var written = UInt16(0)
        for (pc, raw) in program.enumerated() {
            written &= incoming[pc]
            switch Instruction(raw) {
            case .store(let cell), .storeX(let cell):
                written |= bit(cell)
            case .loadScratch(let cell), .loadXScratch(let cell):
                if written & bit(cell) == 0 { throw .scratchReadBeforeWrite(pc: pc, cell: cell) }
            case .jumpAlways(let k):
                narrow(&incoming, at: pc + 1 + Int(k), to: written)
                written = all
            case .jump(_, _, let ifTrue, let ifFalse):
                narrow(&incoming, at: pc + 1 + Int(ifTrue), to: written)
                narrow(&incoming, at: pc + 1 + Int(ifFalse), to: written)
                written = all
            default:
                // Like the kernel, a `ret` does not reset the set: the instruction after it
                // keeps what was written before, narrowed by the jumps into it.
                break
            }
        }
    }

    private static func bit(_ cell: UInt32) -> UInt16 {
        UInt16(1) &<< UInt16(cell & 0xF)
    }

    private static func narrow(_ incoming: inout [UInt16], at target: Int, to written: UInt16) {
        guard incoming.indices.contains(target) else { return }
        incoming[target] &= written
    }
}
