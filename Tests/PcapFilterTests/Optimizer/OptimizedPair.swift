import TestSupport
import BPF
import PcapFilter

/// Our unoptimized and optimized programs for one expression, with the checks that need no
/// packet from the optimizer's side: only "rejects all packets" may refuse to optimize, and
/// then the unoptimized program accepts none of `packets`; the kernel accepts the optimized
/// program whenever it accepts the unoptimized one.
struct OptimizedPair {
    let plain: Program
    let optimized: Program
    let reference: Interpreter

    /// The pair, or nil when either side does not compile; what is wrong goes to `failures`.
    static func compile(_ expression: String, for target: CompilationTarget, packets: [(bytes: [UInt8], wire: Int)],
                        failures: inout [String]) throws -> OptimizedPair? {
        let compiler = FilterCompiler()
        guard let plain = try? compiler.compile(expression, for: target, resolver: FixedNameResolver.empty, optimize: false)
        else { return nil }
        let reference = try Interpreter(plain)
        let optimized: Program
        do {
            optimized = try compiler.compile(expression, for: target, resolver: FixedNameResolver.empty)
        } catch {
            if error != .rejectsAllPackets { failures.append("\(expression): optimized fails with \(error)") }
            if let accepted = packets.first(where: { reference.run($0.bytes, wireLength: UInt32($0.wire)) != 0 }) {
                failures.append("\(expression): said to reject all, yet unoptimized accepts \(accepted.bytes)")
            }
            return nil
        }
        if (try? plain.validate(.linuxKernel)) != nil, (try? optimized.validate(.linuxKernel)) == nil {
            failures.append("\(expression): the kernel would refuse the optimized program")
        }
        return OptimizedPair(plain: plain, optimized: optimized, reference: reference)
    }
}
