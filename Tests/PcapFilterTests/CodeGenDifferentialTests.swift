import TestSupport
import BPF
import CLibpcap
import PcapFilter
import Testing

/// Every table row, on every link type: same verdict as libpcap on every generated packet,
/// or libpcap's exact error message.
@Suite struct CodeGenDifferentialTests {
    static let seed: UInt64 = 0x5eed_c0de
    static let packetsPerLink = 900
    static let snapLengths: [LinkLayer: UInt32] = [.ethernet: 262_144, .raw: 65535, .linuxCooked: 1536]

    @Test(arguments: LinkLayer.allCases)
    func tableAgreesWithLibpcap(link: LinkLayer) throws {
        print("DifferentialTests seed \(Self.seed) link \(link)")
        var factory = PacketFactory(random: SeededGenerator(seed: Self.seed ^ UInt64(link.rawValue)))
        let packets = (0..<Self.packetsPerLink).map { _ in factory.packet(for: link) }
        let summary = try Self.compare(DifferentialTable.rows, link: link, packets: packets)
        print("DifferentialTests \(link): \(DifferentialTable.rows.count) rows, \(summary.compared) packet verdicts compared, libpcap optimized vs unoptimized disagreed on \(summary.optimizerDisagreements); \(summary.libpcapWirelessOffsetsBroken.count) rows skipped where libpcap's 802.11 offset cells are unwritten or overwritten: \(summary.libpcapWirelessOffsetsBroken.prefix(8))")
    }

    /// The tunnel, LLC and protochain rows over packets biased towards those encapsulations;
    /// every such row must be both satisfied and failed by some packet.
    @Test(arguments: [LinkLayer.ethernet, .ppp, .raw, .linuxCooked])
    func encapsulationRowsAgreeWithLibpcap(link: LinkLayer) throws {
        print("EncapsulationRows seed \(Self.seed) link \(link)")
        var factory = PacketFactory(random: SeededGenerator(seed: Self.seed &+ 7 ^ UInt64(link.rawValue)))
        factory.favourEncapsulations = true
        let packets = (0..<(link == .ethernet ? 12000 : 4000)).map { _ in factory.packet(for: link) }
        let rows = DifferentialTable.mpls + DifferentialTable.geneve + DifferentialTable.llc + DifferentialTable.protochain
        let summary = try Self.compare(rows, link: link, packets: packets)
        if link == .ethernet {
            let neverBoth = summary.oneSided.filter { !DifferentialTable.constantOnEthernet.contains($0) }
            #expect(neverBoth.isEmpty, "rows no generated packet both hits and misses: \(neverBoth)")
        }
        print("EncapsulationRows \(link): \(rows.count) rows, \(summary.compared) verdicts compared")
    }

    struct Summary {
        var compared = 0
        var optimizerDisagreements = 0
        /// Rows on 802.11 where libpcap's program reads unwritten or overwritten offset cells
        /// (``LibpcapOracle/wirelessOffsetsBroken(_:link:)``): verdicts not compared.
        var libpcapWirelessOffsetsBroken: [String] = []
        /// Compiled rows whose verdict was the same for every packet.
        var oneSided: [String] = []
    }

    static func compare(_ rows: [DifferentialTable.Row], link: LinkLayer, packets: [(bytes: [UInt8], wireLength: Int)])
        throws -> Summary
    {
        let snaplen = Self.snapLengths[link] ?? 262_144
        let target = CompilationTarget(linkLayer: link, snapLength: snaplen, source: .unattached, netmask: 0)
        var summary = Summary()
        for row in rows {
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
                if LibpcapOracle.wirelessOffsetsBroken(theirs, link: link) {
                    summary.libpcapWirelessOffsetsBroken.append(row.expression)
                    continue
                }
                let mine = LibpcapOracle.instructions(program)
                var optimizedProgram: [bpf_insn]? = nil
                if case .program(let p) = optimized { optimizedProgram = p }
                var reported = false
                var accepted = 0, rejected = 0
                let looping = LibpcapOracle.hasBackwardJump(theirs)
                for (bytes, wire) in packets {
                    // libpcap's protochain loop may never end: run it only where it ends
                    // within our unrolled depth (ProtocolChainTests covers the rest).
                    if looping {
                        guard let steps = LibpcapOracle.backwardJumps(theirs, bytes, wireLength: wire),
                              steps <= ProtocolChain.maximumAdvances else { continue }
                    }
                    let expected = LibpcapOracle.run(theirs, bytes, wireLength: wire)
                    let actual = LibpcapOracle.run(mine, bytes, wireLength: wire)
                    summary.compared += 1
                    if expected == 0 { rejected += 1 } else { accepted += 1 }
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
                    if let optimizedProgram, let verdict = LibpcapOracle.runIfTerminating(optimizedProgram, bytes, wireLength: wire),
                       verdict != expected {
                        summary.optimizerDisagreements += 1
                    }
                }
                if accepted == 0 || rejected == 0 { summary.oneSided.append(row.expression) }
            }
        }
        return summary
    }
}
