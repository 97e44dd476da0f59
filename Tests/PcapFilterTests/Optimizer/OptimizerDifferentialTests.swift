import TestSupport
import BPF
import CLibpcap
import PcapFilter
import Testing
import Foundation

/// Every table row on every link type, optimized: the same verdicts as unoptimized on every
/// generated packet (in our interpreter and in libpcap's) — or, on a packet too short for a
/// load nobody reads, the verdict libpcap's optimizer gives, since both delete such loads — a
/// program the kernel accepts, and a comparison with libpcap's optimizer (verdicts and
/// length), printed.
@Suite struct OptimizerDifferentialTests {
    static let seed: UInt64 = 0x0971_3123
    static let packetsPerLink = 600

    @Test(arguments: LinkLayer.allCases)
    func optimizedAgreesWithUnoptimized(link: LinkLayer) throws {
        print("OptimizerDifferentialTests seed \(Self.seed) link \(link)")
        var factory = PacketFactory(random: SeededGenerator(seed: Self.seed ^ UInt64(link.rawValue)))
        let packets = (0..<Self.packetsPerLink).map { _ in factory.packet(for: link) }
        let snaplen = CodeGenDifferentialTests.snapLengths[link] ?? 262_144
        let target = CompilationTarget(linkLayer: link, snapLength: snaplen, source: .unattached, netmask: 0)
        var report = LengthReport()
        var libpcapDisagreements = 0, rowsDisagreeingWithLibpcap: [String] = []
        // Deliberate differences: we detect more unsatisfiable filters than libpcap.
        var moreUnsatisfiable: [String] = []
        for row in DifferentialTable.rows {
            guard let plain = try? FilterCompiler().generate(row.filter, for: target) else { continue }
            let theirs = LibpcapOracle.compile(row.expression, dlt: link.rawValue, snaplen: snaplen, optimize: true)
            let optimized: Program
            do {
                optimized = try FilterCompiler().generate(row.filter, for: target, optimize: true)
            } catch {
                #expect(error == .rejectsAllPackets, "\(row.expression) on \(link): \(error)")
                let interpreter = try Interpreter(plain)
                for (bytes, wire) in packets {
                    #expect(interpreter.run(bytes, wireLength: UInt32(wire)) == 0, "\(row.expression) on \(link) accepts \(bytes)")
                }
                if case .program(let p) = theirs {
                    // libpcap's optimizer did not see it (e.g. through its protochain loop);
                    // its program must then reject every packet too, or the verdicts disagree.
                    let accepting = packets.filter { (LibpcapOracle.runIfTerminating(p, $0.0, wireLength: $0.1) ?? 0) != 0 }
                    #expect(accepting.isEmpty, "\(row.expression) on \(link): we reject all, libpcap's program accepts \(accepting.count) packets")
                    moreUnsatisfiable.append(row.expression)
                }
                continue
            }
            if row.filter.containsGeneve {
                // As libpcap: never optimized, so never reported as rejecting everything.
                #expect(optimized == plain, "\(row.expression) on \(link): a geneve filter was optimized")
                continue
            }
            // The optimizer must not make a program the kernel accepts into one it refuses
            // (libpcap's geneve code, kept as is, reads cells not written on every path).
            if (try? plain.validate(.linuxKernel)) != nil {
                do {
                    try optimized.validate(.linuxKernel)
                } catch {
                    Issue.record("\(row.expression) on \(link): the kernel would refuse the optimized program: \(error)")
                    continue
                }
            }
            let mine = LibpcapOracle.instructions(optimized), reference = LibpcapOracle.instructions(plain)
            let interpreter = try Interpreter(optimized)
            var theirProgram: [bpf_insn]?
            switch theirs {
            case .program(let p): theirProgram = p; report.add(ours: optimized.count, theirs: p.count)
            case .error(let message): Issue.record("\(row.expression) on \(link): libpcap -O says \(message), we compiled")
            }
            var reported = false, rowDisagrees = false
            for (bytes, wire) in packets {
                let expected = LibpcapOracle.run(reference, bytes, wireLength: wire)
                let viaLibpcap = LibpcapOracle.run(mine, bytes, wireLength: wire)
                let viaOurs = interpreter.run(bytes, wireLength: UInt32(wire))
                // libpcap's protochain loop may never end: compare only where it does.
                let theirVerdict = theirProgram.flatMap { LibpcapOracle.runIfTerminating($0, bytes, wireLength: wire) }
                let asLibpcapOptimizer = viaLibpcap == viaOurs && theirVerdict == viaOurs
                if (expected != viaLibpcap || expected != viaOurs) && !asLibpcapOptimizer && !reported {
                    reported = true
                    Issue.record("""
                        \(row.expression) on \(link): unoptimized \(expected), optimized \(viaLibpcap)/\(viaOurs) for \(bytes) (wire \(wire))
                        unoptimized:
                        \(LibpcapOracle.dump(reference))
                        optimized:
                        \(LibpcapOracle.dump(mine))
                        """)
                }
                if let theirVerdict, theirVerdict != viaLibpcap {
                    libpcapDisagreements += 1
                    rowDisagrees = true
                }
            }
            if rowDisagrees { rowsDisagreeingWithLibpcap.append(row.expression) }
        }
        print("OptimizerDifferentialTests \(link): we detect more unsatisfiable filters than libpcap (deliberate): \(moreUnsatisfiable)")
        print("OptimizerDifferentialTests \(link): \(report.summary); ours-optimized vs libpcap-optimized disagreed on \(libpcapDisagreements) verdicts in \(rowsDisagreeingWithLibpcap.count) rows \(rowsDisagreeingWithLibpcap.prefix(8))")
    }
}

/// Program lengths ours against libpcap's, both optimized.
struct LengthReport {
    var logRatioSum = 0.0
    var rows = 0, shorter = 0, longer = 0, longest = 1.0

    mutating func add(ours: Int, theirs: Int) {
        rows += 1
        let ratio = Double(ours) / Double(theirs)
        logRatioSum += log(ratio)
        if ours < theirs { shorter += 1 }
        if ours > theirs { longer += 1; longest = max(longest, ratio) }
    }

    var geometricMean: Double { rows == 0 ? 1 : exp(logRatioSum / Double(rows)) }

    var summary: String {
        "\(rows) rows, geomean length ours/libpcap \(String(format: "%.3f", geometricMean)), \(shorter) shorter, \(longer) longer (worst ×\(String(format: "%.2f", longest)))"
    }
}
