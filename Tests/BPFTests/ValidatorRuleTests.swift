import BPF
import Testing

/// One case per rule: the program, and the error each profile gives (`nil`: accepted).
@Suite struct ValidatorRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let program: [RawInstruction]
        let kernel: ValidationError?
        let libpcap: ValidationError?
        var testDescription: String { name }
    }

    static let ret = RawInstruction(code: 0x06, k: 1)
    static let retA = RawInstruction(code: 0x16)

    static let cases: [Case] = [
        Case(name: "empty", program: [], kernel: .emptyProgram, libpcap: .emptyProgram),
        Case(name: "single ret", program: [ret], kernel: nil, libpcap: nil),
        Case(name: "unknown opcode 0xb4", program: [RawInstruction(code: 0xb4), ret],
             kernel: .unknownOpcode(pc: 0, code: 0xb4), libpcap: .unknownOpcode(pc: 0, code: 0xb4)),
        Case(name: "ret with X source bit: only the kernel knows it is no opcode",
             program: [ret, RawInstruction(code: 0x0e)],
             kernel: .unknownOpcode(pc: 1, code: 0x0e), libpcap: nil),
        Case(name: "ldx [k] passes libpcap's mode check", program: [RawInstruction(code: 0x21), ret],
             kernel: .unknownOpcode(pc: 0, code: 0x21), libpcap: nil),
        Case(name: "ja past the end", program: [RawInstruction(code: 0x05, k: 1), ret],
             kernel: .jumpOutOfRange(pc: 0), libpcap: .jumpOutOfRange(pc: 0)),
        Case(name: "ja backwards by wrapping", program: [ret, RawInstruction(code: 0x05, k: 0xFFFF_FFFE), ret],
             kernel: .jumpOutOfRange(pc: 1), libpcap: nil),
        Case(name: "jeq false branch past the end", program: [RawInstruction(code: 0x15, jt: 0, jf: 1), ret],
             kernel: .jumpOutOfRange(pc: 0), libpcap: .jumpOutOfRange(pc: 0)),
        Case(name: "div #0", program: [RawInstruction(code: 0x34, k: 0), ret],
             kernel: .divisionByZero(pc: 0), libpcap: .divisionByZero(pc: 0)),
        Case(name: "mod #0", program: [RawInstruction(code: 0x94, k: 0), ret],
             kernel: .divisionByZero(pc: 0), libpcap: .divisionByZero(pc: 0)),
        Case(name: "div x is checked at run time", program: [RawInstruction(code: 0x3c), ret],
             kernel: nil, libpcap: nil),
        Case(name: "lsh #32", program: [RawInstruction(code: 0x64, k: 32), ret],
             kernel: .shiftOutOfRange(pc: 0), libpcap: nil),
        Case(name: "rsh #31", program: [RawInstruction(code: 0x74, k: 31), ret], kernel: nil, libpcap: nil),
        Case(name: "st M[16]", program: [RawInstruction(code: 0x02, k: 16), ret],
             kernel: .scratchIndexOutOfRange(pc: 0), libpcap: .scratchIndexOutOfRange(pc: 0)),
        Case(name: "ldx M[16]", program: [RawInstruction(code: 0x61, k: 16), ret],
             kernel: .scratchIndexOutOfRange(pc: 0), libpcap: .scratchIndexOutOfRange(pc: 0)),
        Case(name: "read before any write", program: [RawInstruction(code: 0x60, k: 3), retA],
             kernel: .scratchReadBeforeWrite(pc: 0, cell: 3), libpcap: nil),
        Case(name: "read after a write on one path only",
             program: [RawInstruction(code: 0x15, jt: 0, jf: 1, k: 7), RawInstruction(code: 0x02, k: 2),
                       RawInstruction(code: 0x61, k: 2), retA],
             kernel: .scratchReadBeforeWrite(pc: 2, cell: 2), libpcap: nil),
        Case(name: "read after a write on every path",
             program: [RawInstruction(code: 0x02, k: 2), RawInstruction(code: 0x15, jt: 0, jf: 1, k: 7),
                       RawInstruction(code: 0x03, k: 5), RawInstruction(code: 0x61, k: 2), retA],
             kernel: nil, libpcap: nil),
        Case(name: "last instruction not ret", program: [ret, RawInstruction(code: 0x07)],
             kernel: .lastInstructionNotReturn, libpcap: .lastInstructionNotReturn),
        Case(name: "ld [SKF_AD_OFF+60] (vlan tpid)", program: [RawInstruction(code: 0x20, k: 0xFFFF_F03C), ret],
             kernel: nil, libpcap: nil),
        Case(name: "ld [SKF_AD_OFF+64] is unknown", program: [RawInstruction(code: 0x20, k: 0xFFFF_F040), ret],
             kernel: .unknownAncillaryOffset(pc: 0), libpcap: nil),
        Case(name: "ldh [SKF_AD_OFF+2] is unknown", program: [RawInstruction(code: 0x28, k: 0xFFFF_F002), ret],
             kernel: .unknownAncillaryOffset(pc: 0), libpcap: nil),
        Case(name: "ld [SKF_NET_OFF+9] is a header-relative load", program: [RawInstruction(code: 0x30, k: 0xFFF0_0009), ret],
             kernel: nil, libpcap: nil),
        Case(name: "indirect loads may use any offset", program: [RawInstruction(code: 0x40, k: 0xFFFF_F040), ret],
             kernel: nil, libpcap: nil),
    ]

    @Test(arguments: cases)
    func eachRuleNamesTheInstruction(_ testCase: Case) {
        let program = Program(raw: testCase.program)
        #expect(validationError(program, .linuxKernel) == testCase.kernel, "kernel")
        #expect(validationError(program, .libpcap) == testCase.libpcap, "libpcap")
        #expect((testCase.libpcap == nil) == LibpcapOracle.validates(program), "the libpcap oracle disagrees")
    }

    @Test func kernelLimitsLength() {
        let program = Program(Array(repeating: .returnConstant(0), count: 4097))
        #expect(validationError(program, .linuxKernel) == .tooLong(count: 4097))
        #expect(validationError(program, .libpcap) == nil)
    }

    @Test func errorsDescribeThemselves() {
        #expect(ValidationError.divisionByZero(pc: 3).description
            == "invalid BPF program: division by the constant 0 at instruction 3")
        #expect(ValidationError.scratchReadBeforeWrite(pc: 2, cell: 7).description
            == "invalid BPF program: instruction 2 reads M[7] before it is written")
    }

    private func validationError(_ program: Program, _ profile: ValidationProfile) -> ValidationError? {
        do throws(ValidationError) {
            try program.validate(profile)
            return nil
        } catch {
            return error
        }
    }
}
