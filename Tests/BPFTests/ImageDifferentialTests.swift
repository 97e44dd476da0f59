import TestSupport
import Testing
import BPF

/// `image(of:at:)` and `dump(.listing)` against libpcap 1.10.3's `bpf_image`.
@Suite struct ImageDifferentialTests {
    /// A few (jt, jf, pc) combinations that reach the edges of the jump-target arithmetic.
    static let jumpCases: [(jt: UInt8, jf: UInt8, pc: Int)] = [
        (0, 0, 0), (1, 2, 7), (255, 0, 999), (0, 255, 1000), (255, 255, 4095), (3, 4, Int(Int32.max)),
        (9, 9, -5),
    ]

    /// Every 16-bit opcode with a handful of operands: the mnemonic, `unimp`, and the jump
    /// columns of unknown jump-class opcodes must all match. (Above 0xff every opcode is
    /// `unimp`, whose text ignores `k`; the next test crosses the low opcodes with every
    /// boundary constant.)
    @Test func everyOpcodeMatchesLibpcap() {
        var mismatches = 0
        let ks: [UInt32] = [0, 1, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, 0xffff_f030, 0xfff0_0000, 0xffe0_0000]
        for code in 0...UInt16.max {
            for (index, k) in ks.enumerated() {
                let jumps = Self.jumpCases[index % Self.jumpCases.count]
                Self.compare(RawInstruction(code: code, jt: jumps.jt, jf: jumps.jf, k: k), at: jumps.pc,
                             mismatches: &mismatches)
            }
        }
    }

    /// Every opcode below 0x100 (all classes, sizes, modes and operations) against every
    /// boundary constant, including each SKF_AD_OFF + n, SKF_NET_OFF and SKF_LL_OFF.
    @Test func everyByteOpcodeWithEveryBoundaryConstant() {
        var mismatches = 0
        for code in 0...UInt16(0xff) {
            for (index, k) in boundaryConstants.enumerated() {
                for jumps in [Self.jumpCases[index % Self.jumpCases.count], Self.jumpCases[0]] {
                    Self.compare(RawInstruction(code: code, jt: jumps.jt, jf: jumps.jf, k: k), at: jumps.pc,
                                 mismatches: &mismatches)
                }
            }
        }
    }

    /// Records a mismatch between our line and `bpf_image`'s (the first 20 only).
    private static func compare(_ raw: RawInstruction, at pc: Int, mismatches: inout Int) {
        let ours = image(of: raw, at: pc)
        let theirs = LibpcapOracle.image(of: raw, at: pc)
        if ours != theirs, mismatches < 20 {
            mismatches += 1
            Issue.record("\(raw) at \(pc): ours \(ours.debugDescription), libpcap \(theirs.debugDescription)")
        }
    }

    /// Thousands of random programs: every line of our listing equals `bpf_image` at that pc.
    @Test func randomProgramsMatchLibpcapLineByLine() {
        let seed = SeededGenerator.announcedSeed(for: "randomProgramsMatchLibpcapLineByLine")
        var random = SeededGenerator(seed: seed)
        var mismatches = 0
        for _ in 0..<3000 {
            let program = random.program()
            let lines = program.dump(.listing).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == program.count + 1 && lines.last == "")
            for (pc, raw) in program.rawInstructions.enumerated() where pc < lines.count {
                let theirs = LibpcapOracle.image(of: raw, at: pc)
                if String(lines[pc]) != theirs, mismatches < 20 {
                    mismatches += 1
                    Issue.record("seed \(seed): \(raw) at \(pc): ours \(lines[pc].debugDescription), libpcap \(theirs.debugDescription)")
                }
            }
        }
    }
}
