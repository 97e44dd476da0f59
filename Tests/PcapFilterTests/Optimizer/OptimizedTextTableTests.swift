import TestSupport
import BPF
import PcapFilter
import Testing

/// The text table (TextTable.swift, thousands of rows) on every link type, optimized: the same
/// verdict as our unoptimized program on every generated and corpus packet (which in turn
/// TextDifferentialTests holds equal to libpcap's) — except on a packet too short for a load
/// whose value nobody reads, where libpcap's optimizer, which deletes such loads, gives the
/// verdict ours gives — a program the kernel accepts whenever the unoptimized one is, and the
/// lengths against libpcap's optimizer, printed.
@Suite struct OptimizedTextTableTests {
    @Test(arguments: LinkLayer.allCases)
    func optimizedTableAgreesWithUnoptimized(link: LinkLayer) throws {
        let packets = VerdictPackets.shared.packets[link] ?? []
        var lengths = LengthReport(), protochainLengths = LengthReport()
        var failures: [String] = [], compared = 0, asLibpcapOptimizer = 0
        for (index, expression) in TextTable.expressions.enumerated() {
            let snaplen = TextTable.snapLengths[index % TextTable.snapLengths.count]
            let target = CompilationTarget(linkLayer: link, snapLength: snaplen, source: .unattached, netmask: 0)
            guard let pair = try OptimizedPair.compile(expression, for: target, packets: packets, failures: &failures)
            else { continue }
            let (optimized, reference) = (pair.optimized, pair.reference)
            let interpreter = try Interpreter(optimized)
            let libpcapText = LibpcapByteOperatorFault.equivalentText(expression) ?? expression
            let libpcapOptimized = LibpcapOracle.compile(libpcapText, dlt: link.rawValue, snaplen: snaplen, optimize: true)
            for (bytes, wire) in packets {
                compared += 1
                let expected = reference.run(bytes, wireLength: UInt32(wire))
                let actual = interpreter.run(bytes, wireLength: UInt32(wire))
                guard expected != actual else { continue }
                if case .program(let theirs) = libpcapOptimized,
                   LibpcapOracle.runIfTerminating(theirs, bytes, wireLength: wire) == actual {
                    asLibpcapOptimizer += 1
                    continue
                }
                failures.append("\(expression): unoptimized \(expected), optimized \(actual) on \(bytes) wire \(wire)")
                break
            }
            if case .program(let theirs) = libpcapOptimized {
                if expression.contains("protochain") {
                    protochainLengths.add(ours: optimized.count, theirs: theirs.count)
                } else {
                    lengths.add(ours: optimized.count, theirs: theirs.count)
                }
            }
        }
        print("OptimizedTextTable \(link): \(compared) verdicts compared, \(asLibpcapOptimizer) on short packets as libpcap's optimizer gives them; lengths \(lengths.summary); protochain rows \(protochainLengths.summary)")
        for failure in failures.prefix(10) { Issue.record(Comment(rawValue: failure)) }
        #expect(failures.isEmpty, "\(failures.count) failures on \(link)")
    }
}
