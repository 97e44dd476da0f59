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
