import Testing
@testable import BPF

@Suite struct InstructionEncodingTests {
    /// Every 16-bit opcode either decodes to a typed instruction that encodes back to the same
    /// word, or survives as `unknown` — no opcode is lost or changed.
    @Test func everyOpcodeRoundTrips() {
        var typedCount = 0
        for code in 0...UInt16.max {
            let raw = RawInstruction(code: code, jt: 3, jf: 7, k: 0xdead_beef)
            let typed = Instruction(raw)
            if case .unknown(let kept) = typed {
                #expect(kept == raw)
                continue
            }
            typedCount += 1
            let back = typed.raw
            #expect(back.code == code, "opcode \(code) came back as \(back.code)")
            #expect(Instruction(back) == typed)
        }
        // The kernel's classic checker knows exactly these: 21 ALU, 9 LD, 4 LDX, ST, STX, 9 JMP, 2 RET, 2 MISC.
        #expect(typedCount == 49)
    }

    @Test func sockFilterBytesRoundTrip() {
        let raw = RawInstruction(code: 0x15, jt: 1, jf: 2, k: 0x86dd)
        #expect(RawInstruction(bytes: raw.bytes) == raw)
        #expect(RawInstruction(bytes: raw.bytes.prefix(7)) == nil)
    }
}
