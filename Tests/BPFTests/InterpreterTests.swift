import BPF
import Testing

/// Behaviour the random differential test cannot reach: where we follow libpcap master over
/// 1.10.3, tracing, and the API's defaults.
@Suite struct InterpreterTests {
    /// Counts X up to `limit` with a backward `ja`, then returns it.
    static func countingLoop(to limit: UInt32) -> Program {
        Program([
            .loadXConstant(0),
            .txa, .alu(.add, .constant(1)), .tax,
            .jump(.equal, .constant(limit), ifTrue: 1, ifFalse: 0),
            .jumpAlways(UInt32(bitPattern: -5)),
            .returnAccumulator,
        ])
    }

    @Test func backwardJumpsAreBoundedAsInLibpcapMaster() throws {
        // Reaching 65 takes 64 backward jumps, the most master allows; 66 takes one more.
        #expect(try Interpreter(Self.countingLoop(to: 65)).run([]) == 65)
        #expect(try Interpreter(Self.countingLoop(to: 66)).run([]) == 0)
    }

    @Test func jumpToItselfRejects() throws {
        let program = Program([.loadConstant(1), .jumpAlways(UInt32.max), .returnAccumulator])
        #expect(try Interpreter(program).run([1, 2, 3]) == 0)
    }

    @Test func opcodesOnlyBPFValidateAcceptsRejectThePacket() throws {
        // 1.10.3's bpf_filter would abort() on these; master rejects the packet.
        for code: UInt16 in [0x0e, 0x18, 0x21, 0x8c, 0x97] {
            let running = Program(raw: [RawInstruction(code: 0x05), RawInstruction(code: code), RawInstruction(code: 0x06, k: 9)])
            let skipping = Program(raw: [RawInstruction(code: 0x05, k: 1), RawInstruction(code: code), RawInstruction(code: 0x06, k: 9)])
            #expect(LibpcapOracle.validates(running))
            #expect(try Interpreter(running).run([0]) == 0, "code 0x\(String(code, radix: 16))")
            #expect(try Interpreter(skipping).run([0]) == 9)
        }
    }

    @Test func scratchCellsStartAtZero() throws {
        let program = Program([.loadConstant(5), .loadXScratch(cell: 3), .txa, .alu(.add, .constant(7)), .returnAccumulator])
        #expect(try Interpreter(program).run([]) == 7)
    }

    @Test func invalidProgramsAreRefused() {
        #expect(throws: ValidationError.emptyProgram) { try Interpreter(Program(raw: [])) }
        #expect(throws: ValidationError.divisionByZero(pc: 0)) {
            try Interpreter(Program([.alu(.div, .constant(0)), .returnAccumulator]))
        }
    }

    @Test func lengthIsTheWireLengthAndDefaultsToTheCapturedBytes() throws {
        let interpreter = try Interpreter(Program([.loadLength, .returnAccumulator]))
        #expect(interpreter.run([1, 2, 3]) == 3)
        #expect(interpreter.run([1, 2, 3], wireLength: 1500) == 1500)
        let bytes: [UInt8] = [1, 2]
        #expect(bytes.withUnsafeBytes { interpreter.run($0, wireLength: 60) } == 60)
    }

    @Test func loadsPastTheCapturedBytesReject() throws {
        let interpreter = try Interpreter(Program([.loadAbsolute(.half, offset: 2), .returnAccumulator]))
        #expect(interpreter.run([0, 0, 0x12, 0x34]) == 0x1234)
        #expect(interpreter.run([0, 0, 0x12], wireLength: 4) == 0)
    }

    @Test func traceRecordsTheStateBeforeEachInstruction() throws {
        let program = Program([
            .loadAbsolute(.byte, offset: 1), .store(cell: 2), .tax,
            .jump(.equal, .constant(7), ifTrue: 0, ifFalse: 1), .returnConstant(0), .returnAccumulator,
        ])
        let trace = try Interpreter(program).trace([0, 7])
        #expect(trace.result == 0)
        #expect(trace.steps.map(\.pc) == [0, 1, 2, 3, 4])
        #expect(trace.steps.map(\.a) == [0, 7, 7, 7, 7])
        #expect(trace.steps.map(\.x) == [0, 0, 0, 7, 7])
        #expect(trace.steps[1].scratch[2] == 0)
        #expect(trace.steps[2].scratch[2] == 7)
        #expect(try Interpreter(program).trace([0, 8]).steps.map(\.pc) == [0, 1, 2, 3, 5])
    }

    /// A run of `jeq` (run as one superinstruction) and fused load-and-jump pairs still
    /// trace every original instruction and agree with libpcap, wherever the run is entered.
    @Test func superinstructionsTraceEveryInstruction() throws {
        let program = Program([
            .loadAbsolute(.byte, offset: 0),                          // 0 fused with 1
            .jump(.greater, .constant(200), ifTrue: 5, ifFalse: 0),   // 1
            .jump(.equal, .constant(1), ifTrue: 4, ifFalse: 0),       // 2: a run of three
            .jump(.equal, .constant(2), ifTrue: 2, ifFalse: 0),       // 3
            .jump(.equal, .constant(3), ifTrue: 2, ifFalse: 1),       // 4
            .returnConstant(0),                                       // 5
            .returnConstant(1),                                       // 6
            .returnAccumulator,                                       // 7
        ])
        let interpreter = try Interpreter(program)
        #expect(interpreter.trace([3]).steps.map(\.pc) == [0, 1, 2, 3, 4, 7])
        #expect(interpreter.trace([9]).steps.map(\.pc) == [0, 1, 2, 3, 4, 6])
        #expect(interpreter.trace([1]).steps.map(\.pc) == [0, 1, 2, 7])
        #expect(interpreter.trace([2]).steps.map(\.pc) == [0, 1, 2, 3, 6])
        #expect(interpreter.trace([201]).steps.map(\.pc) == [0, 1, 7])
        for value in UInt8.min...UInt8.max {
            let theirs = LibpcapOracle.filter(LibpcapOracle.instructions(program), packet: [value], wireLength: 1)
            #expect(interpreter.run([value]) == theirs)
            #expect(interpreter.trace([value]).result == theirs)
        }
    }

    /// A load fused with the `jeq` run after it (`ldh [12]` before the VLAN TPIDs) still
    /// traces the load and every member it compares, and agrees with libpcap.
    @Test func loadFusedWithARunTracesEveryInstruction() throws {
        let program = Program([
            .loadAbsolute(.byte, offset: 0),                          // 0 fused with the run
            .jump(.equal, .constant(1), ifTrue: 2, ifFalse: 0),       // 1: a run of three
            .jump(.equal, .constant(2), ifTrue: 1, ifFalse: 0),       // 2
            .jump(.equal, .constant(3), ifTrue: 0, ifFalse: 1),       // 3
            .returnAccumulator,                                       // 4
            .returnConstant(0),                                       // 5
        ])
        let interpreter = try Interpreter(program)
        #expect(interpreter.trace([1]).steps.map(\.pc) == [0, 1, 4])
        #expect(interpreter.trace([2]).steps.map(\.pc) == [0, 1, 2, 4])
        #expect(interpreter.trace([3]).steps.map(\.pc) == [0, 1, 2, 3, 4])
        #expect(interpreter.trace([9]).steps.map(\.pc) == [0, 1, 2, 3, 5])
        #expect(interpreter.trace([]).steps.map(\.pc) == [0])
        for value in UInt8.min...UInt8.max {
            let theirs = LibpcapOracle.filter(LibpcapOracle.instructions(program), packet: [value], wireLength: 1)
            #expect(interpreter.run([value]) == theirs)
            #expect(interpreter.trace([value]).result == theirs)
        }
    }
}
