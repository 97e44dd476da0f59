import TestSupport
import BPF
import CLibpcap
import PcapFilter
import Testing
import Foundation

@Suite struct LengthDump {
    @Test func dumpLonger() throws {
        guard ProcessInfo.processInfo.environment["DUMP_LONGER"] != nil else { return }
        let link = LinkLayer.ethernet
        let target = CompilationTarget(linkLayer: link, snapLength: 262_144, source: .unattached, netmask: 0)
        for row in DifferentialTable.rows {
            guard let optimized = try? FilterCompiler().generate(row.filter, for: target, optimize: true),
                  case .program(let theirs) = LibpcapOracle.compile(row.expression, dlt: link.rawValue, snaplen: 262_144, optimize: true),
                  optimized.count >= theirs.count, ProcessInfo.processInfo.environment["DUMP_ALL"] != nil || optimized.count > theirs.count else { continue }
            print("=== \(row.expression) ours \(optimized.count) libpcap \(theirs.count)\n\(LibpcapOracle.dump(LibpcapOracle.instructions(optimized)))\n--- libpcap\n\(LibpcapOracle.dump(theirs))")
        }
    }
}

extension LengthDump {
    @Test func dumpChain() throws {
        guard ProcessInfo.processInfo.environment["DUMP_CHAIN"] != nil else { return }
        let target = CompilationTarget(linkLayer: .ethernet, snapLength: 262_144, source: .unattached, netmask: 0)
        let filter = F.host("1.2.3.4") || F.host("5.6.7.8") || F.host("10.0.0.1")
        let graph = try FilterCompiler().controlFlowGraph(for: filter, target: target)
        print(LibpcapOracle.dump(LibpcapOracle.instructions(Linearizer.linearize(Optimizer.optimize(graph)))))
        if case .program(let p) = LibpcapOracle.compile("host 1.2.3.4 or host 5.6.7.8 or host 10.0.0.1", dlt: 1, snaplen: 262_144, optimize: true) { print("--- libpcap\n" + LibpcapOracle.dump(p)) }
    }
}
