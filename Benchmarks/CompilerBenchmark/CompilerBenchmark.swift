import BPF
import CLibpcap
import Glibc
import PcapFilter

/// Compile + optimize time and program length, ours against `pcap_compile(…, optimize=1)`,
/// for OR chains of hosts, ports and nets and for a mixed expression, at growing sizes.
///
/// Usage: `swift run -c release CompilerBenchmark [max-terms] [libpcap-max-terms]`.
/// libpcap's optimizer grows about as n³ (49 s at 1,000 hosts), so its side is only run up
/// to the second argument (default 500).
@main
struct CompilerBenchmark {
    struct Family: Sendable {
        let name: String
        let text: @Sendable (Int) -> String
        let filter: @Sendable (Int) -> SemanticFilter
    }

    /// `value` with `digits` decimals, right-aligned in `width` columns.
    static func cell(_ value: Double, _ digits: Int, _ width: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = digits == 0 ? "\(Int(rounded))" : "\(rounded)"
        if digits > 0, let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            text += String(repeating: "0", count: max(0, digits - decimals))
        }
        return cell(text, width)
    }

    static func cell(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func host(_ i: Int) -> UInt32 { 0x0a00_0000 | UInt32(i + 1) }
    static func dotted(_ a: UInt32) -> String { "\(a >> 24).\((a >> 16) & 255).\((a >> 8) & 255).\(a & 255)" }
    static func chain(_ terms: [SemanticFilter]) -> SemanticFilter {
        terms.dropFirst().reduce(terms[0]) { .or($0, $1) }
    }
    static func hostFilter(_ i: Int) -> SemanticFilter { .primitive(.ipv4Host(address: host(i), mask: .max, .any, .sourceOrDestination)) }
    static func portFilter(_ i: Int) -> SemanticFilter {
        .primitive(.port(.any, .sourceOrDestination, low: UInt16(1000 + i), high: UInt16(1000 + i), isRange: false))
    }

    static let families: [Family] = [
        Family(name: "hosts", text: { n in (0..<n).map { "host \(dotted(host($0)))" }.joined(separator: " or ") },
               filter: { n in chain((0..<n).map(hostFilter)) }),
        Family(name: "ports", text: { n in (0..<n).map { "port \(1000 + $0)" }.joined(separator: " or ") },
               filter: { n in chain((0..<n).map(portFilter)) }),
        Family(name: "nets", text: { n in (0..<n).map { "net \(dotted(host($0 << 8) & 0xffff_ff00))/24" }.joined(separator: " or ") },
               filter: { n in chain((0..<n).map { .primitive(.ipv4Host(address: host($0 << 8) & 0xffff_ff00, mask: 0xffff_ff00, .any, .sourceOrDestination)) }) }),
        Family(name: "mixed", text: { n in
                   let half = max(n / 2, 1)
                   return "tcp and (\((0..<half).map { "port \(1000 + $0)" }.joined(separator: " or "))) and not (\((0..<(n - half)).map { "host \(dotted(host($0)))" }.joined(separator: " or ")))"
               },
               filter: { n in
                   let half = max(n / 2, 1)
                   let ports = chain((0..<half).map(portFilter))
                   let hosts = n - half > 0 ? chain((0..<(n - half)).map(hostFilter)) : SemanticFilter.primitive(.protocolKeyword(.ip))
                   return .and(.and(.primitive(.protocolKeyword(.tcp)), ports), .not(hosts))
               }),
    ]

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func ours(_ filter: SemanticFilter, _ target: CompilationTarget) -> (seconds: Double, length: Int, attachable: Bool) {
        let start = now()
        guard let graph = try? FilterCompiler().controlFlowGraph(for: filter, target: target) else { return (0, -1, false) }
        let program = Linearizer.linearize(Optimizer.optimize(graph))
        let seconds = now() - start
        let attachable = (try? program.validate(.linuxKernel)) != nil
        return (seconds, program.count, attachable)
    }

    static func libpcap(_ text: String) -> (seconds: Double, length: Int)? {
        guard let handle = pcap_open_dead(1, 262_144) else { return nil }
        defer { pcap_close(handle) }
        var program = bpf_program()
        let start = now()
        guard pcap_compile(handle, &program, text, 1, 0) == 0 else { return nil }
        let seconds = now() - start
        defer { pcap_freecode(&program) }
        return (seconds, Int(program.bf_len))
    }

    static func main() {
        let arguments = CommandLine.arguments
        let maxTerms = arguments.count > 1 ? Int(arguments[1]) ?? 2000 : 2000
        let libpcapMax = arguments.count > 2 ? Int(arguments[2]) ?? 500 : 500
        let sizes = [10, 50, 100, 200, 500, 1000, 2000].filter { $0 <= maxTerms }
        let target = CompilationTarget(linkLayer: .ethernet, snapLength: 262_144, source: .unattached, netmask: 0)
        print("family  terms  ours-ms  ours-len  kernel-ok  libpcap-ms  libpcap-len  speedup  ours-µs/term")
        for family in families {
            for n in sizes {
                let filter = family.filter(n)
                let mine = ours(filter, target)
                var theirs = "-", theirsLength = "-", speedup = "-"
                if n <= libpcapMax, let reference = libpcap(family.text(n)) {
                    theirs = cell(reference.seconds * 1000, 1, 0)
                    theirsLength = "\(reference.length)"
                    speedup = cell(reference.seconds / max(mine.seconds, 1e-9), 0, 0) + "x"
                }
                var line = family.name.padding(7) + cell("\(n)", 6) + cell(mine.seconds * 1000, 2, 9)
                line += cell("\(mine.length)", 10) + cell(mine.attachable ? "yes" : "no", 11)
                line += cell(theirs, 12) + cell(theirsLength, 13) + cell(speedup, 9)
                line += cell(mine.seconds * 1e6 / Double(n), 1, 14)
                print(line)
            }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
