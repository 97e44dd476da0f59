import PcapFilter
import TestSupport
import Testing

/// Grammar-driven random expressions (ExpressionGenerator, printed seed) under the table's
/// check, on a link type chosen per case: same accept/reject and message as libpcap, same
/// verdicts on the packets of that link type. Expressions naming things the machine would
/// resolve are left out (no test depends on the machine's resolver). A quarter are mutated,
/// so many are rejected: the message must be the one libpcap reports first, which depends on
/// code generation running as each primitive is parsed.
@Suite struct RandomExpressionDifferentialTests {
    @Test func generatedExpressionsAgreeWithLibpcap() {
        let seed = SeededGenerator.announcedSeed(for: "generatedExpressionsAgreeWithLibpcap")
        var generator = ExpressionGenerator(seed: seed)
        let links = LinkLayer.allCases
        var total = Comparison()
        var withNames = 0
        for index in 0..<4000 {
            var tokens = generator.expression()
            if index % 4 == 0 { tokens = generator.mutate(tokens) }
            if tokens.contains(where: ExpressionGenerator.names.contains) {
                withNames += 1
                continue
            }
            let link = links[index % links.count]
            let snaplen = TextTable.snapLengths[(index / links.count) % TextTable.snapLengths.count]
            total.add(TextDifferential.compare(tokens.joined(separator: " "), link: link, snaplen: snaplen,
                                               resolver: FixedNameResolver.empty,
                                               packets: Array((VerdictPackets.shared.packets[link] ?? []).prefix(60))))
        }
        print("""
            RandomExpressionDifferential seed \(seed): \(total.rows) cases (\(withNames) with machine names left out), \
            \(total.bothCompiled) compiled by both, \(total.bothRejected) rejected by both with the same message, \
            \(total.verdicts) verdicts, \(total.known.count) known differences, \
            libpcap optimized disagreed with unoptimized on \(total.optimizerDisagreements)
            """)
        for failure in total.failures.prefix(10) { Issue.record(Comment(rawValue: "seed \(seed): \(failure)")) }
        #expect(total.failures.isEmpty, "seed \(seed): \(total.failures.count) disagreements")
        #expect(total.bothCompiled > 200, "too few generated expressions compiled")
    }
}
