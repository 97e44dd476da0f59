import TestSupport
import BPF
import PcapFilter
import Testing

@Suite struct LinearizerTests {
    /// A filter long enough that conditional jumps to the shared returns exceed 255
    /// instructions: islands of returns keep it valid and its verdicts equal libpcap's.
    @Test func longJumpsGoThroughIslands() throws {
        let ports: [UInt16] = Array(1...40)
        let expression = ports.map { "tcp port \($0)" }.joined(separator: " or ")
        let filter = ports.dropFirst().reduce(F.port(1, .tcp)) { $0 || F.port($1, .tcp) }
        let target = CompilationTarget(linkLayer: .ethernet, snapLength: 262_144, source: .unattached)
        let program = try FilterCompiler().generate(filter, for: target)
        #expect(program.count > 300)
        try ProgramChecks.check(program)
        // Returns are copied into islands instead of one `ja` per long edge.
        #expect(program.instructions.filter { if case .returnConstant = $0 { true } else { false } }.count > 2)
        #expect(!program.instructions.contains { if case .jumpAlways = $0 { true } else { false } })
        guard case .program(let theirs) = LibpcapOracle.compile(expression, dlt: 1, snaplen: 262_144, optimize: false)
        else { Issue.record("libpcap refused \(expression)"); return }
        let mine = LibpcapOracle.instructions(program)
        var factory = PacketFactory(random: SeededGenerator(seed: 7))
        for _ in 0..<2000 {
            var (bytes, wire) = factory.packet(for: .ethernet)
            if bytes.count > 40, factory.chance(50) {  // aim some packets at the ports
                let port = UInt8(factory.random.next() % 45)
                for offset in [36, 37, 56, 57, 58] where offset < bytes.count { bytes[offset] = offset % 2 == 0 ? 0 : port }
            }
            #expect(LibpcapOracle.run(theirs, bytes, wireLength: wire) == LibpcapOracle.run(mine, bytes, wireLength: wire))
        }
    }

    /// Constant filters become a single return; lowering leaves no test for constants.
    @Test func constantsBecomeSingleReturns() {
        let accept = Linearizer.linearize(ControlFlowGraph(lowering: .always, acceptLength: 96))
        let reject = Linearizer.linearize(ControlFlowGraph(lowering: .not(.always), acceptLength: 96))
        #expect(accept.instructions == [.returnConstant(96)])
        #expect(reject.instructions == [.returnConstant(0)])
    }

    /// Lowering keeps reading order: the left operand's test comes first in the program.
    @Test func loweringKeepsReadingOrder() {
        let first = Predicate.test(Test([.loadAbsolute(.half, offset: 12)], .equal, .constant(0x800)))
        let second = Predicate.test(Test([.loadAbsolute(.byte, offset: 23)], .equal, .constant(6)))
        let program = Linearizer.linearize(ControlFlowGraph(lowering: .and(first, second), acceptLength: 1))
        #expect(program.instructions == [
            .loadAbsolute(.half, offset: 12), .jump(.equal, .constant(0x800), ifTrue: 0, ifFalse: 3),
            .loadAbsolute(.byte, offset: 23), .jump(.equal, .constant(6), ifTrue: 0, ifFalse: 1),
            .returnConstant(1), .returnConstant(0),
        ])
    }
}
