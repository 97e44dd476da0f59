import TestSupport
import BPF
import CLibpcap
import Testing

/// Our interpreter against libpcap 1.10.3's `bpf_filter` on random programs and packets.
@Suite struct InterpreterDifferentialTests {
    @Test func randomProgramsAgreeWithBPFFilter() throws {
        let seed = SeededGenerator.announcedSeed(for: "randomProgramsAgreeWithBPFFilter")
        var programs = ValidProgramGenerator(random: SeededGenerator(seed: seed))
        var packets = PacketGenerator(random: SeededGenerator(seed: seed ^ 0x5555))
        let packetsPerProgram = 40
        var cases = 0
        var disagreements: [String] = []
        for _ in 0..<5_200 {
            let program = programs.program()
            #expect(LibpcapOracle.validates(program), "generator made a program bpf_validate rejects")
            let interpreter = try Interpreter(program)
            let oracleCode = LibpcapOracle.instructions(program)
            for _ in 0..<packetsPerProgram {
                let (bytes, wireLength) = packets.packet()
                let ours = interpreter.run(bytes, wireLength: wireLength)
                let theirs = LibpcapOracle.filter(oracleCode, packet: bytes, wireLength: wireLength)
                cases += 1
                if ours != theirs && disagreements.count < 5 {
                    disagreements.append(
                        "program \(program.rawInstructions) packet \(bytes) wire \(wireLength): ours \(ours), libpcap \(theirs)")
                }
            }
        }
        #expect(cases >= 200_000)
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
    }

    /// Every ALU operation with every boundary operand, in both operand forms, including the
    /// shifts of 32 or more where libpcap's C behaviour is machine-specific.
    @Test func aluOperationsOnBoundaryValuesAgree() throws {
        for operation in ALUOperation.allCases {
            for a in boundaryConstants {
                for operand in boundaryConstants {
                    var programs: [Program] = [
                        Program([.loadConstant(a), .loadXConstant(operand), .alu(operation, .x), .returnAccumulator])
                    ]
                    if operand != 0 || (operation != .div && operation != .mod) {
                        programs.append(Program([.loadConstant(a), .alu(operation, .constant(operand)), .returnAccumulator]))
                    }
                    for program in programs {
                        let ours = try Interpreter(program).run([])
                        let theirs = LibpcapOracle.filter(LibpcapOracle.instructions(program), packet: [], wireLength: 0)
                        #expect(ours == theirs, "\(operation) \(a), \(operand)")
                    }
                }
            }
        }
    }
}
