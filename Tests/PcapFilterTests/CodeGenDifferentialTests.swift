import TestSupport
import BPF
import CLibpcap
import PcapFilter
import Testing

/// Every table row, on every link type: same verdict as libpcap on every generated packet,
/// or libpcap's exact error message.
@Suite struct CodeGenDifferentialTests {
    static let seed: UInt64 = 0x5eed_c0de
    static let packetsPerLink = 600
    static let snapLengths: [LinkLayer: UInt32] = [.ethernet: 262_144, .raw: 65535, .linuxCooked: 1536]

    @Test(arguments: LinkLayer.allCases)
    func tableAgreesWithLibpcap(link: LinkLayer) throws {
        print("DifferentialTests seed \(Self.seed) link \(link)")
        var factory = PacketFactory(random: SeededGenerator(seed: Self.seed ^ UInt64(link.rawValue)))
        let packets = (0..<Self.packetsPerLink).map { _ in factory.packet(for: link) }
        let snaplen = Self.snapLengths[link] ?? 262_144
        let target = CompilationTarget(linkLayer: link, snapLength: snaplen, source: .unattached, netmask: 0)
        var compared = 0
        var optimizerDisagreements = 0
        for row in DifferentialTable.rows {
            let ours: Result<Program, CodeGenerationError>
            do { ours = .success(try FilterCompiler().generate(row.filter, for: target)) } catch { ours = .failure(error) }
            let reference = LibpcapOracle.compile(row.expression, dlt: link.rawValue, snaplen: snaplen, optimize: false)
            let optimized = LibpcapOracle.compile(row.expression, dlt: link.rawValue, snaplen: snaplen, optimize: true)
            switch (reference, ours) {
            case let (.error(message), .failure(error)):
                #expect(error.description == message, "\(row.expression) on \(link)")
            case let (.error(message), .success):
                Issue.record("\(row.expression) on \(link): libpcap says \(message), we compiled")
            case let (.program, .failure(error)):
                Issue.record("\(row.expression) on \(link): we say \(error), libpcap compiled")
            case let (.program(theirs), .success(program)):
                try ProgramChecks.check(program)
                let mine = LibpcapOracle.instructions(program)
                var optimizedProgram: [bpf_insn]? = nil
                if case .program(let p) = optimized { optimizedProgram = p }
                var reported = false
                for (bytes, wire) in packets {
                    let expected = LibpcapOracle.run(theirs, bytes, wireLength: wire)
                    let actual = LibpcapOracle.run(mine, bytes, wireLength: wire)
                    compared += 1
                    if expected != actual && !reported {
                        reported = true
                        Issue.record("""
                            \(row.expression) on \(link): libpcap \(expected), ours \(actual) for \(bytes) (wire \(wire))
                            ours:
                            \(LibpcapOracle.dump(mine))
                            libpcap -O:
                            \(LibpcapOracle.dump(theirs))
                            """)
                    }
                    if let optimizedProgram, LibpcapOracle.run(optimizedProgram, bytes, wireLength: wire) != expected {
                        optimizerDisagreements += 1
                    }
                }
            }
        }
        print("DifferentialTests \(link): \(DifferentialTable.rows.count) rows, \(compared) packet verdicts compared, libpcap optimized vs unoptimized disagreed on \(optimizerDisagreements)")
    }
}
