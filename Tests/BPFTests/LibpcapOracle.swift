import CLibpcap
import Foundation
import BPF
import TestSupport

/// libpcap 1.10.3, the oracle: its instruction text, its validator and its interpreter.
enum LibpcapOracle {
    /// libpcap's `bpf_image(insn, pc)`.
    static func image(of raw: RawInstruction, at pc: Int) -> String {
        LibpcapImage.line(of: bpf_insn(code: raw.code, jt: raw.jt, jf: raw.jf, k: raw.k), at: pc)
    }

    static func instructions(_ program: Program) -> [bpf_insn] {
        program.rawInstructions.map { bpf_insn(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k) }
    }

    /// Whether `bpf_validate` accepts the program.
    static func validates(_ program: Program) -> Bool {
        instructions(program).withUnsafeBufferPointer {
            bpf_validate($0.baseAddress, Int32(clamping: $0.count)) != 0
        }
    }

    /// `bpf_filter`'s verdict. Only for programs `bpf_validate` accepts, with no opcode
    /// `bpf_filter` does not know and no backward jump (1.10.3 aborts or may loop on those).
    static func filter(_ instructions: [bpf_insn], packet: [UInt8], wireLength: UInt32) -> UInt32 {
        instructions.withUnsafeBufferPointer { code in
            packet.withUnsafeBufferPointer { bytes in
                bpf_filter(code.baseAddress, bytes.baseAddress, wireLength, UInt32(bytes.count))
            }
        }
    }

}

