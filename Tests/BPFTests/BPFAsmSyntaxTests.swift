import Testing
import BPF

private func raw(_ code: UInt16, _ jt: UInt8 = 0, _ jf: UInt8 = 0, _ k: UInt32 = 0) -> RawInstruction {
    RawInstruction(code: code, jt: jt, jf: jf, k: k)
}

/// The kernel's `bpf_asm` syntax (tools/bpf/bpf_exp.y), one table row per form, with the
/// `sock_filter` words `bpf_asm` produces for it.
@Suite struct BPFAsmSyntaxTests {
    static let programs: [(text: String, expected: [RawInstruction])] = [
        // The ARP filter from the kernel's filter documentation.
        ("ldh [12]\njne #0x806, drop\nret #-1\ndrop: ret #0",
         [raw(0x28, 0, 0, 12), raw(0x15, 0, 1, 0x806), raw(0x06, 0, 0, 0xffff_ffff), raw(0x06)]),
        ("ldh [12]\njneq #0x800, drop\nldb [23]\njneq #6, drop\nret #-1\ndrop: ret #0",
         [raw(0x28, 0, 0, 12), raw(0x15, 0, 3, 0x800), raw(0x30, 0, 0, 23), raw(0x15, 0, 1, 6),
          raw(0x06, 0, 0, 0xffff_ffff), raw(0x06)]),
        ("ld [x+4]", [raw(0x40, 0, 0, 4)]),
        ("ld [x + 4]", [raw(0x40, 0, 0, 4)]),
        ("ldh [%x + 14]", [raw(0x48, 0, 0, 14)]),
        ("ldb [x + -3]", [raw(0x50, 0, 0, 0xffff_fffd)]),
        ("ldxb 4*([14]&0xf)", [raw(0xb1, 0, 0, 14)]),
        ("ldx 4*([14]&0xf)", [raw(0xb1, 0, 0, 14)]),
        ("ld M[3]\nldx M[3]\nst M[15]\nstx M[1]", [raw(0x60, 0, 0, 3), raw(0x61, 0, 0, 3), raw(0x02, 0, 0, 15), raw(0x03, 0, 0, 1)]),
        ("ld #len\nld len\nld #pktlen\nldx #len\nldx len", [raw(0x80), raw(0x80), raw(0x80), raw(0x81), raw(0x81)]),
        ("ld proto\nld #proto\nldh proto\nldb [vlanp]\nld vlan_tci",
         [raw(0x20, 0, 0, 0xffff_f000), raw(0x20, 0, 0, 0xffff_f000), raw(0x28, 0, 0, 0xffff_f000),
          raw(0x30, 0, 0, 0xffff_f030), raw(0x20, 0, 0, 0xffff_f02c)]),
        ("ld type\nld ifidx\nld nla\nld nlan\nld mark\nld queue\nld hatype\nld rxhash",
         (1...8).map { raw(0x20, 0, 0, 0xffff_f000 + UInt32($0) * 4) }),
        ("ld cpu\nld xor_x\nld vlan_tci\nld vlan_avail\nld vlan_pr\nld poff\nld rand\nld random\nld vlan_tpid",
         [9, 10, 11, 12, 12, 13, 14, 14, 15].map { raw(0x20, 0, 0, 0xffff_f000 + UInt32($0) * 4) }),
        ("ldi #10\nldi 10\nldxi #5\nldxi 5\nld #0x800\nldx #7",
         [raw(0x00, 0, 0, 10), raw(0x00, 0, 0, 10), raw(0x01, 0, 0, 5), raw(0x01, 0, 0, 5), raw(0x00, 0, 0, 0x800), raw(0x01, 0, 0, 7)]),
        ("add #1\nsub x\nmul %x\ndiv #3\nmod #7\nmod x\nand #0xff\nor x\nxor #0b101\nlsh #2\nrsh x\nneg",
         [raw(0x04, 0, 0, 1), raw(0x1c), raw(0x2c), raw(0x34, 0, 0, 3), raw(0x94, 0, 0, 7), raw(0x9c),
          raw(0x54, 0, 0, 0xff), raw(0x4c), raw(0xa4, 0, 0, 5), raw(0x64, 0, 0, 2), raw(0x7c), raw(0x84)]),
        ("tax\ntxa", [raw(0x07), raw(0x87)]),
        ("ret a\nret %a\nret x\nret %x\nret #-1\nret #0x40000",
         [raw(0x16), raw(0x16), raw(0x0e), raw(0x0e), raw(0x06, 0, 0, 0xffff_ffff), raw(0x06, 0, 0, 0x40000)]),
        ("ld #010\nld #-2\nld #0xFFFFFFFF\nld #-2147483648\nld #+5\nld #0",
         [raw(0, 0, 0, 8), raw(0, 0, 0, 0xffff_fffe), raw(0, 0, 0, 0xffff_ffff), raw(0, 0, 0, 0x8000_0000), raw(0, 0, 0, 5), raw(0)]),
        ("l0: jeq #1, l1, l2\nl1: ja l3\nl2: jmp l3\nl3: ret #0",
         [raw(0x15, 0, 1, 1), raw(0x05, 0, 0, 1), raw(0x05, 0, 0, 0), raw(0x06)]),
        // jlt, jle and jneq have no opcode: bpf_asm writes the opposite test, label on jf.
        ("jlt #5, yes\nret #0\nyes: ret #1", [raw(0x35, 0, 1, 5), raw(0x06), raw(0x06, 0, 0, 1)]),
        ("jle x, yes\nret #0\nyes: ret #1", [raw(0x2d, 0, 1), raw(0x06), raw(0x06, 0, 0, 1)]),
        ("jne %x, yes\nret #0\nyes: ret #1", [raw(0x1d, 0, 1), raw(0x06), raw(0x06, 0, 0, 1)]),
        ("jlt #5, t, f\nt: ret #1\nf: ret #0", [raw(0x35, 1, 0, 5), raw(0x06, 0, 0, 1), raw(0x06)]),
        ("jgt #5, hit\nret #0\nhit: ret #1", [raw(0x25, 1, 0, 5), raw(0x06), raw(0x06, 0, 0, 1)]),
        ("jge x, a1, b1\na1: ret #1\nb1: ret #0", [raw(0x3d, 0, 1), raw(0x06, 0, 0, 1), raw(0x06)]),
        ("jset #4, s1, s2\ns1: ret #1\ns2: ret #0", [raw(0x45, 0, 1, 4), raw(0x06, 0, 0, 1), raw(0x06)]),
        // A backward `ja` wraps k, as bpf_asm computes it (the kernel's checker rejects it).
        ("top: ld #0\nja top", [raw(0x00), raw(0x05, 0, 0, 0xffff_fffe)]),
        // Comments of all three kinds, a label on its own line, upper case mnemonics.
        ("# a bpf_asm comment line\n; another\nLDH [12] ; trailing\n/* a\n block */ start:\n  RET #0",
         [raw(0x28, 0, 0, 12), raw(0x06)]),
        ("ld /* inline */ #1\r\nret a\r\n", [raw(0x00, 0, 0, 1), raw(0x16)]),
        // tcpdump -d listing lines, absolute targets, mixed with nothing else.
        ("(000) ldh      [12]\n(001) jeq      #0x800           jt 2\tjf 3\n(002) ret      #262144\n(003) ret      #0\n",
         [raw(0x28, 0, 0, 12), raw(0x15, 0, 1, 0x800), raw(0x06, 0, 0, 262_144), raw(0x06)]),
        ("(000) ldb      [-4032]\n(001) unimp    0x81\n(002) unimp    0x55             jt 3\tjf 4\n(003) ret      \n",
         [raw(0x30, 0, 0, 0xffff_f040), raw(0x81), raw(0x55, 0, 1), raw(0x16)]),
        ("(000) ldxb     4*([-1]&0xf)\n(001) ja       1\n(002) ld       #pktlen\n",
         [raw(0xb1, 0, 0, 0xffff_ffff), raw(0x05, 0, 0, 0xffff_ffff), raw(0x80)]),
    ]

    @Test(arguments: programs.indices)
    func assembles(index: Int) throws {
        let (text, expected) = Self.programs[index]
        let program = try Program(assembling: text)
        #expect(program.rawInstructions == expected, "\(text)")
    }

    /// Text that must be refused, with the message (and so the line) the user sees.
    static let rejections: [(text: String, message: String)] = [
        ("ld #1\nfoo #2", "line 2: unknown instruction 'foo'"),
        ("jeq #1, l9\nret #0", "line 1: undefined label 'l9'"),
        ("; header\n" + String(repeating: "ld #0\n", count: 5) + "jeq #0 jt 300 jf 6\nret #0",
         "line 7: jump from 5 to 300 out of range"),
        ("l: ld #0\njeq #0, l", "line 2: jump from 1 to 0 out of range"),
        ("a1: ld #0\n\na1: ret #0", "line 3: label 'a1' already defined on line 1"),
        ("ret #0\nend:", "line 2: label 'end' is not followed by an instruction"),
        ("ldxb 4*([14]&0xe)", "line 1: ldxb supports only 4*([k]&0xf)"),
        ("ldx 2*([14]&0xf)", "line 1: ldxb supports only 4*([k]&0xf)"),
        ("ld #0x100000000", "line 1: 0x100000000 does not fit in 32 bits"),
        ("ld #-2147483649", "line 1: -2147483649 does not fit in 32 bits"),
        ("ldh #5", "line 1: 'ldh' expects [k], [x + k] or an ancillary name, found '5'"),
        ("ret #0 extra", "line 1: unexpected 'extra' after the instruction"),
        ("ld #0x", "line 1: malformed number '0x'"),
        ("ld #09", "line 1: malformed number '09'"),
        ("ld @", "line 1: unexpected character '@'"),
        ("ret #0\n/* open", "line 2: unterminated /* comment"),
        ("jeq #1", "line 1: 'jeq' expects ', label' or 'jt N jf N', found the end of the line"),
        ("st #3", "line 1: 'st' expects M[k], found '#'"),
        ("add y", "line 1: 'add' expects #k or x, found 'y'"),
        ("ld [x + ]", "line 1: 'ld' expects an offset after 'x +', found ']'"),
        ("ld [12", "line 1: 'ld' expects ']', found the end of the line"),
        ("(000) ret #0\n(002) ret #0", "line 2: instruction number (002) should be (001)"),
        ("unimp 0x10000", "line 1: 0x10000 does not fit in an opcode (16 bits)"),
        ("3\n6 0 0 0\n6 0 0 1", "line 3: count line says 3 instructions, found 2"),
        ("1\n6 256 0 0", "line 2: 256 does not fit in jt (8 bits)"),
        ("1\n65536 0 0 0", "line 2: 65536 does not fit in code (16 bits)"),
        ("1\n6 0 0 4294967296", "line 2: 4294967296 does not fit in k (32 bits)"),
        ("1\n6 0 0", "line 2: expected four numbers 'code jt jf k'"),
        ("1 2\n6 0 0 0", "line 1: expected the instruction count alone"),
        ("1\n6 0 0 0x10", "line 2: expected decimal numbers, found '0x10'"),
        ("{ 0x6, 0, 0 },", "line 1: expected { code, jt, jf, k },"),
        ("{ 0x6, 0, 0, 0 },\nret #0", "line 2: expected { code, jt, jf, k },"),
    ]

    @Test(arguments: rejections.indices)
    func rejects(index: Int) {
        let (text, message) = Self.rejections[index]
        #expect(throws: AssemblyError.self, "\(text)") { try Program(assembling: text) }
        do {
            _ = try Program(assembling: text)
        } catch {
            #expect(error.description == message)
        }
    }
}
