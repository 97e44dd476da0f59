import CLibpcap
import Foundation
import PcapFilter
import BPF
import TestSupport

/// Optimized program lengths, ours against `pcap_compile(…, optimize=1)`, over every row of
/// the text table on every link type. Rows only one side compiles are left out; `protochain`
/// rows are counted apart (ours is an unrolled forward walk the kernel accepts, libpcap's a
/// backward jump it refuses, so ours is longer on purpose); of the rows where ours is longer,
/// those where libpcap's 802.11 program is wrong (``LibpcapWirelessFaults``) are counted apart.
enum LengthTable {
    struct Row {
        let expression: String
        let link: LinkLayer
        let ours: Int
        let theirs: Int
        /// libpcap's program gives wrong or undefined verdicts.
        let libpcapWrong: Bool
        var ratio: Double { Double(ours) / Double(theirs) }
    }

    struct Summary {
        var rows: [Row] = []
        var geometricMean: Double {
            rows.isEmpty ? 1 : exp(rows.map { log($0.ratio) }.reduce(0, +) / Double(rows.count))
        }
        var shorter: Int { rows.filter { $0.ours < $0.theirs }.count }
        var equal: Int { rows.filter { $0.ours == $0.theirs }.count }
        var longer: Int { rows.filter { $0.ours > $0.theirs }.count }
        var longerThanWrongPrograms: Int { rows.filter { $0.ours > $0.theirs && $0.libpcapWrong }.count }
        var worst: Double { rows.map(\.ratio).max() ?? 1 }
    }

    static func libpcapProgram(_ text: String, link: LinkLayer, snaplen: UInt32, optimize: Bool) -> [RawInstruction]? {
        guard let handle = pcap_open_dead(Int32(link.rawValue), Int32(snaplen)) else { return nil }
        defer { pcap_close(handle) }
        var program = bpf_program()
        guard pcap_compile(handle, &program, text, optimize ? 1 : 0, 0) == 0 else { return nil }
        defer { pcap_freecode(&program) }
        return UnsafeBufferPointer(start: program.bf_insns, count: Int(program.bf_len)).map {
            RawInstruction(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k)
        }
    }

    static func measure(link: LinkLayer) -> (plain: Summary, protochain: Summary) {
        var plain = Summary(), protochain = Summary()
        for (index, expression) in TextTable.expressions.enumerated() {
            let snaplen = TextTable.snapLengths[index % TextTable.snapLengths.count]
            let target = CompilationTarget(linkLayer: link, snapLength: snaplen, source: .unattached, netmask: 0)
            guard let ours = try? FilterCompiler().compile(expression, for: target, resolver: FixedNameResolver.empty),
                  let theirs = libpcapProgram(LibpcapByteOperatorFault.equivalentText(expression) ?? expression,
                                              link: link, snaplen: snaplen, optimize: true)?.count else { continue }
            let wrong = ours.count > theirs && link.isWireless
                && libpcapProgram(expression, link: link, snaplen: snaplen, optimize: false).map {
                    LibpcapWirelessFaults.offsetsBroken($0, link: link)
                } == true
            let row = Row(expression: expression, link: link, ours: ours.count, theirs: theirs, libpcapWrong: wrong)
            if expression.contains("protochain") { protochain.rows.append(row) } else { plain.rows.append(row) }
        }
        return (plain, protochain)
    }

    static func fixed(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }

    static func printTable(worstRows: Int) {
        print("Optimized program length, ours / libpcap (pcap_compile optimize=1), text table (\(TextTable.expressions.count) expressions), rows both compile")
        print("| link type | rows | geomean | shorter | equal | longer | of which libpcap's is wrong | worst | protochain rows | protochain geomean |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        var all = Summary(), allProtochain = Summary()
        for link in LinkLayer.allCases {
            let (plain, protochain) = measure(link: link)
            all.rows += plain.rows
            allProtochain.rows += protochain.rows
            print("| \(link) | \(plain.rows.count) | \(fixed(plain.geometricMean)) | \(plain.shorter) | \(plain.equal) | \(plain.longer) | \(plain.longerThanWrongPrograms) | ×\(fixed(plain.worst, 2)) | \(protochain.rows.count) | \(fixed(protochain.geometricMean)) |")
        }
        print("| all | \(all.rows.count) | \(fixed(all.geometricMean)) | \(all.shorter) | \(all.equal) | \(all.longer) | \(all.longerThanWrongPrograms) | ×\(fixed(all.worst, 2)) | \(allProtochain.rows.count) | \(fixed(allProtochain.geometricMean)) |")
        let worst = all.rows.filter { $0.ours > $0.theirs && !$0.libpcapWrong }.sorted {
            ($0.ratio, $1.expression, $1.link.rawValue) > ($1.ratio, $0.expression, $0.link.rawValue)
        }
        guard worstRows > 0, !worst.isEmpty else { return }
        print("\nLongest rows relative to libpcap where libpcap's program is right (ours/libpcap instructions):")
        for row in worst.prefix(worstRows) { print("  \(row.link) \(row.ours)/\(row.theirs)  \(row.expression)") }
    }
}
