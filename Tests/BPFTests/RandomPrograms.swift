import TestSupport
import BPF

/// Values of `k` that sit on the edges libpcap's printing and the kernel's offsets care about.
let boundaryConstants: [UInt32] = {
    var values: [UInt32] = [0, 1, 2, 4, 14, 0xf, 0xff, 0x100, 0xffff, 0x1_0000, 0x7fff_ffff, 0x8000_0000,
                            0x8000_0001, 0xffff_fffe, 0xffff_ffff]
    // SKF_AD_OFF + n for every ancillary field and the gaps between them, then past the end.
    values += (0...0x44).map { 0xffff_f000 &+ UInt32($0) }
    values += [0xffff_efff, 0xfff0_0000, 0xfff0_0001, 0xffe0_0000, 0xffe0_0001]  // SKF_NET_OFF, SKF_LL_OFF
    return values
}()

/// Every opcode the kernel or libpcap knows, the ones this project's instructions model.
let knownOpcodes: [UInt16] = (0...UInt16(0xff)).filter {
    if case .unknown = Instruction(RawInstruction(code: $0)) { return false }
    return true
}

extension SeededGenerator {
    /// A `k`: often a boundary value, otherwise uniformly random.
    mutating func constant() -> UInt32 {
        Bool.random(using: &self)
            ? boundaryConstants.randomElement(using: &self) ?? 0
            : UInt32.random(in: 0...UInt32.max, using: &self)
    }

    /// A jump offset, biased toward 0 and 255.
    mutating func jumpOffset() -> UInt8 {
        switch UInt8.random(in: 0..<4, using: &self) {
        case 0: 0
        case 1: 255
        default: UInt8.random(in: 0...UInt8.max, using: &self)
        }
    }

    /// An opcode: mostly known ones, sometimes any byte, rarely any 16-bit value.
    mutating func opcode() -> UInt16 {
        switch UInt8.random(in: 0..<10, using: &self) {
        case 0: UInt16.random(in: 0...UInt16.max, using: &self)
        case 1, 2: UInt16.random(in: 0...0xff, using: &self)
        default: knownOpcodes.randomElement(using: &self) ?? 0
        }
    }

    /// A raw instruction with every field random, unused ones included.
    mutating func rawInstruction() -> RawInstruction {
        RawInstruction(code: opcode(), jt: jumpOffset(), jf: jumpOffset(), k: constant())
    }

    /// A program of 1 to `maxCount` random raw instructions.
    mutating func program(maxCount: Int = 40) -> Program {
        let count = Int.random(in: 1...maxCount, using: &self)
        return Program(raw: (0..<count).map { _ in rawInstruction() })
    }
}
