import BPF
import CLibpcap
import PcapFilter

extension TextDifferential {
    /// On 802.11 link types, our optimized program as well: libpcap's optimized verdicts on every
    /// packet, or both report the same error (the filter accepts nothing, a division by zero
    /// the optimizer found). Ours may find more filters that accept nothing than libpcap's
    /// optimizer (then libpcap's program must reject every packet; counted); like libpcap it
    /// never reports that of a program computing the payload offset.
    static func optimizedProblem(_ ours: String, text: String, target: CompilationTarget, resolver: any NameResolver,
                                 unoptimizedReference reference: [bpf_insn], packets: [(bytes: [UInt8], wire: Int)],
                                 result: inout Comparison) -> String? {
        let link = target.linkLayer
        let theirs = LibpcapOracle.compile(text, dlt: link.rawValue, snaplen: target.snapLength, optimize: true)
        let program: Program
        do { program = try FilterCompiler().compile(ours, for: target, resolver: resolver, optimize: true) } catch {
            if case .error(let message) = theirs, message == error.description { return nil }
            guard error == .rejectsAllPackets else { return "\(ours) on \(link): optimized, we say \(error)" }
            if case .error(let message) = theirs, message == FilterError.rejectsAllPackets.description { return nil }
            if let accepted = packets.first(where: { LibpcapOracle.run(reference, $0.bytes, wireLength: $0.wire) != 0 }) {
                return "\(ours) on \(link): optimized, we reject everything; libpcap accepts \(accepted.bytes)"
            }
            result.moreUnsatisfiable.append("\(ours) on \(link)")
            return nil
        }
        if case .error(let message) = theirs {
            // libpcap folds 0 / x and 0 % x to 0, which changes the verdict where x is 0 (the
            // program fails); we keep the division, so only libpcap proves nothing matches.
            let divides = program.instructions.contains {
                if case .alu(let operation, .x) = $0 { operation == .div || operation == .mod } else { false }
            }
            if message == FilterError.rejectsAllPackets.description, divides,
               packets.allSatisfy({ LibpcapOracle.run(LibpcapOracle.instructions(program), $0.bytes, wireLength: $0.wire) == 0 }) {
                result.known.append("\(ours) on \(link): libpcap's optimizer folds 0 / x to 0 and rejects everything")
                return nil
            }
            return "\(ours) on \(link): optimized, libpcap says \(message), we compiled"
        }
        guard let interpreter = try? Interpreter(program) else { return "\(ours) on \(link): optimized, interpreter refused" }
        guard case .program(let optimizedReference) = theirs else { return nil }
        for (bytes, wire) in packets {
            let expected = LibpcapOracle.run(optimizedReference, bytes, wireLength: wire)
            let actual = interpreter.run(bytes, wireLength: UInt32(wire))
            if expected != actual {
                return """
                    \(ours) on \(link): optimized, ours \(actual), libpcap \(expected) for \(bytes) wire \(wire)
                    ours optimized:
                    \(program.dump(.listing))
                    """
            }
        }
        return nil
    }
}
