import PcapFilter
import TestSupport
import Testing

/// The table of TextTable.swift on every link type, and the named rows of NameRows.swift:
/// same accept/reject and message as libpcap, same verdict and snap length on every packet.
@Suite struct TextDifferentialTests {
    @Test(arguments: LinkLayer.allCases)
    func tableAgreesWithLibpcap(link: LinkLayer) {
        let packets = VerdictPackets.shared.packets[link] ?? []
        var total = Comparison()
        for (index, expression) in TextTable.expressions.enumerated() {
            let snaplen = TextTable.snapLengths[index % TextTable.snapLengths.count]
            total.add(TextDifferential.compare(expression, link: link, snaplen: snaplen,
                                               resolver: FixedNameResolver.empty, packets: packets))
        }
        report(total, "table on \(link)", packets: packets.count)
    }

    @Test(arguments: LinkLayer.allCases)
    func namedRowsAgreeWithLibpcap(link: LinkLayer) {
        let packets = VerdictPackets.shared.packets[link] ?? []
        var total = Comparison()
        for row in NameRows.rows {
            switch row.expected {
            case .equivalent(let text):
                total.add(TextDifferential.compare(row.expression, reference: text, link: link, snaplen: 262_144,
                                                   resolver: NameRows.resolver, packets: packets,
                                                   compareMessages: false))
            case .error(let message, let onlyOn):
                guard onlyOn == nil || onlyOn == link else { continue }
                total.add(TextDifferential.compare(row.expression, expectedError: message, link: link,
                                                   snaplen: 262_144, resolver: NameRows.resolver, packets: packets))
            }
        }
        report(total, "named rows on \(link)", packets: packets.count)
    }

    private func report(_ total: Comparison, _ what: String, packets: Int) {
        print("""
            TextDifferential \(what): \(total.rows) rows, \(total.bothCompiled) compiled by both, \
            \(total.bothRejected) rejected by both, \(packets) packets, \(total.verdicts) verdicts compared, \
            libpcap optimized disagreed with unoptimized on \(total.optimizerDisagreements); \
            \(total.known.count) known differences; \
            protochain packets skipped: \(total.endlessWalks) where libpcap loops, \(total.beyondWalkDepth) beyond our \
            walk's depth; \(total.bothKernelInvalid) rows where libpcap's program, like ours, fails the kernel validator; \
            \(total.libpcapReadsUninitialized.count) rows where libpcap's program alone reads unwritten scratch cells
            """)
        if !total.moreUnsatisfiable.isEmpty {
            print("TextDifferential optimized: we alone find these accept nothing: \(total.moreUnsatisfiable.prefix(20))")
        }
        for row in total.libpcapReadsUninitialized.prefix(10) { print("TextDifferential libpcap reads unwritten cells: \(row)") }
        for known in total.known { print("TextDifferential known difference: \(known)") }
        for failure in total.failures.prefix(15) { Issue.record(Comment(rawValue: failure)) }
        #expect(total.failures.isEmpty, "\(total.failures.count) failures")
    }
}
