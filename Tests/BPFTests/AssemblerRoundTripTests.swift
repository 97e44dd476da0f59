import TestSupport
import Testing
import BPF

/// Random programs (unused fields and unknown opcodes included) survive each dump format and
/// the assembler.
@Suite struct AssemblerRoundTripTests {
    /// `-ddd` and `-dd` keep all four fields, so the raw words come back identical.
    @Test func numericFormatsKeepEveryRawWord() throws {
        let seed = SeededGenerator.announcedSeed(for: "numericFormatsKeepEveryRawWord")
        var random = SeededGenerator(seed: seed)
        for _ in 0..<2000 {
            let program = random.program()
            let fromDecimal = try Program(assembling: program.dump(.decimal))
            #expect(fromDecimal.rawInstructions == program.rawInstructions, "seed \(seed)")
            let fromCArray = try Program(assembling: program.dump(.cArray))
            #expect(fromCArray.rawInstructions == program.rawInstructions, "seed \(seed)")
        }
    }

    /// A `-d` listing shows what an instruction does, not its unused fields: assembling it gives
    /// the same typed instructions. An opcode libpcap prints as `unimp` keeps its code, and its
    /// jump columns when it has them; its `k` is not printed, so it comes back 0.
    @Test func listingKeepsTypedInstructions() throws {
        let seed = SeededGenerator.announcedSeed(for: "listingKeepsTypedInstructions")
        var random = SeededGenerator(seed: seed)
        for _ in 0..<2000 {
            let program = random.program()
            let listing = program.dump(.listing)
            let assembled = try Program(assembling: listing)
            try #require(assembled.count == program.count, "seed \(seed)")
            for (original, back) in zip(program.rawInstructions, assembled.rawInstructions) {
                if case .unknown = Instruction(original) {
                    #expect(back.code == original.code, "seed \(seed): \(original)")
                    #expect(back.k == 0)
                } else {
                    #expect(Instruction(back) == Instruction(original), "seed \(seed): \(original)")
                }
            }
            #expect(assembled.dump(.listing) == listing, "seed \(seed)")
        }
    }

    /// A jump's listed targets are absolute and may lie past the end; `ja` targets wrap as
    /// libpcap's unsigned arithmetic does.
    @Test(arguments: [UInt32(0), 1, 0x7fff_ffff, 0x8000_0000, 0xffff_fffe, 0xffff_ffff])
    func jumpAlwaysOffsetsSurviveTheListing(k: UInt32) throws {
        let program = Program(raw: [RawInstruction(code: 0x06), RawInstruction(code: 0x05, k: k)])
        let assembled = try Program(assembling: program.dump(.listing))
        #expect(assembled.rawInstructions == program.rawInstructions)
    }

    @Test func emptyTextIsAnEmptyProgram() throws {
        #expect(try Program(assembling: "").count == 0)
        #expect(try Program(assembling: "\n; nothing here\n").count == 0)
        #expect(try Program(assembling: "0\n").count == 0)
        #expect(Program(raw: []).dump(.decimal) == "0\n")
    }

    /// The form `bpf_asm` prints by default and `tc … bytecode` takes: commas between records.
    @Test func commaSeparatedDecimal() throws {
        let program = try Program(assembling: "4,40 0 0 12,21 0 1 2048,6 0 0 262144,6 0 0 0,")
        #expect(program.rawInstructions == [
            RawInstruction(code: 40, k: 12), RawInstruction(code: 21, jt: 0, jf: 1, k: 2048),
            RawInstruction(code: 6, k: 262_144), RawInstruction(code: 6, k: 0),
        ])
    }

    /// `bpf_asm -c` pads with spaces and writes `%#04x`.
    @Test func bpfAsmCStyleOutput() throws {
        let program = try Program(assembling: "{ 0x28,  0,  0, 0x0000000c },\n{ 0x06,  0,  0, 0xffffffff },\n")
        #expect(program.rawInstructions == [RawInstruction(code: 0x28, k: 12), RawInstruction(code: 6, k: 0xffff_ffff)])
    }
}
