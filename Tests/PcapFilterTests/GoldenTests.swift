import BPF
import Foundation
import PcapFilter
import Testing

/// Golden texts of showcase expressions, one file each in `Golden/`: the canonical text, the
/// semantic tree, and per link type the unoptimized program as `tcpdump -d -O` prints it (or
/// the error), with whether libpcap 1.10.3's unoptimized program is the same instruction for
/// instruction, then the optimized program as `swiftdump -d` prints it, with libpcap's
/// optimized length beside ours. A change in any stage shows in review as a diff of these files.
///
/// Regenerate with `UPDATE_GOLDEN=1 swift test --filter GoldenTests`.
@Suite struct GoldenTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let expression: String
        let links: [LinkLayer]
        var testDescription: String { expression }
    }

    static let cases: [Case] = [
        Case(expression: "tcp port 80 and not host 10.1.2.3", links: [.ethernet, .linuxCooked2, .raw, .ieee80211]),
        Case(expression: "vlan and udp", links: [.ethernet, .ieee80211Radiotap, .ppp]),
        Case(expression: "tcp[tcpflags] & tcp-syn != 0", links: [.ethernet, .ieee80211]),
        Case(expression: "ip6 and tcp", links: [.ethernet, .null, .ppp, .ieee80211Radiotap]),
        Case(expression: "wlan type data", links: [.ieee80211, .ieee80211Radiotap, .ethernet]),
        Case(expression: "type data subtype qos-data and wlan addr2 1:2:3:4:5:6", links: [.ieee80211, .ieee80211Radiotap]),
        Case(expression: "ether host 1:2:3:4:5:6", links: [.ethernet, .ieee80211, .linuxCooked]),
        Case(expression: "ip protochain 6", links: [.ethernet, .raw, .ieee80211]),
        Case(expression: "dir fromds and ether multicast", links: [.ieee80211]),
        Case(expression: "mpls 100 and ip", links: [.ethernet]),
        Case(expression: "geneve 5 and ip", links: [.ethernet]),
        Case(expression: "icmp or arp", links: [.linuxCooked, .ipv4]),
    ]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let updating = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"

    @Test(arguments: cases)
    func matchesGoldenText(_ golden: Case) throws {
        let text = Self.render(golden)
        let file = Self.directory.appendingPathComponent(Self.fileName(golden.expression))
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let stored = try String(contentsOf: file, encoding: .utf8)
        let firstDifference = zip(stored.split(separator: "\n", omittingEmptySubsequences: false),
                                  text.split(separator: "\n", omittingEmptySubsequences: false))
            .enumerated().first { $0.element.0 != $0.element.1 }
        #expect(stored == text, """
            \(file.lastPathComponent) differs (UPDATE_GOLDEN=1 regenerates it); first different line \
            \(firstDifference.map { "\($0.offset + 1): stored '\($0.element.0)', now '\($0.element.1)'" } ?? "(length)")
            """)
    }

    /// Every case has its file and every file its case, so a removed case leaves no stale text.
    @Test(.enabled(if: !updating, "the files are being written")) func everyGoldenFileHasACase() throws {
        let names = Set(Self.cases.map { Self.fileName($0.expression) })
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".txt") }
        #expect(Set(files) == names)
    }

    static func fileName(_ expression: String) -> String {
        let slug = expression.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? String($0) : "-" }.joined()
        return slug.split(separator: "-").joined(separator: "-") + ".txt"
    }

    /// The golden text of one case.
    static func render(_ golden: Case) -> String {
        var text = "expression: \(golden.expression)\n"
        let syntax: FilterSyntax
        do { syntax = try FilterParser.parse(golden.expression) } catch {
            return text + "parse error: \(error)\n"
        }
        text += "canonical:  \(CanonicalPrinter.print(syntax))\n"
        for link in golden.links {
            let target = CompilationTarget(linkLayer: link, snapLength: 262_144, source: .unattached)
            text += "\n== \(link) (DLT \(link.rawValue)), snaplen 262144, unoptimized\n"
            do {
                let analyzer = SemanticAnalyzer(target: target, resolver: FixedNameResolver.empty)
                if let tree = try analyzer.analyze(syntax) {
                    // Swift's own description, without module and type prefixes.
                    let described = "\(tree)".replacingOccurrences(of: #"PcapFilter\.(\w+\.)+"#, with: "",
                                                                  options: .regularExpression)
                    text += "semantic: \(described)\n"
                }
                let program = try FilterCompiler().compile(golden.expression, for: target,
                                                           resolver: FixedNameResolver.empty, optimize: false)
                let theirs = LibpcapOracle.compile(golden.expression, dlt: link.rawValue, snaplen: 262_144, optimize: false)
                var same = "no"
                if case .program(let reference) = theirs,
                   reference.map({ RawInstruction(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k) }) == program.rawInstructions {
                    same = "yes"
                }
                text += "identical to libpcap 1.10.3 -O: \(same)\n"
                text += program.dump(.listing)
                text += optimizedStage(golden.expression, target: target)
            } catch {
                text += "error: \(error)\n"
            }
        }
        return text
    }

    /// The `-d` stage: our optimized program and the length of libpcap's.
    static func optimizedStage(_ expression: String, target: CompilationTarget) -> String {
        let theirs: String
        switch LibpcapOracle.compile(expression, dlt: target.linkLayer.rawValue, snaplen: 262_144, optimize: true) {
        case .program(let reference): theirs = "\(reference.count) instructions"
        case .error(let message): theirs = "error: \(message)"
        }
        do {
            let program = try FilterCompiler().compile(expression, for: target, resolver: FixedNameResolver.empty)
            return "\n-- optimized: \(program.count) instructions (libpcap 1.10.3 -d: \(theirs))\n" + program.dump(.listing)
        } catch {
            return "\n-- optimized: error: \(error) (libpcap 1.10.3 -d: \(theirs))\n"
        }
    }
}
