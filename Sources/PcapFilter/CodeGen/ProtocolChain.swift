import BPF

/// `protochain N`: whether protocol N appears in the chain of headers after the IP header.
///
/// libpcap walks the chain in a loop with a backward jump, which the kernel refuses, and its
/// AH step sets the offset to the AH header's length instead of adding it, so on some AH
/// headers the loop revisits the same header forever. This walk is unrolled instead: it visits
/// at most ``maximumAdvances`` headers after the IP header, with the same loads in the same
/// order as libpcap's loop, so wherever libpcap's loop ends within that many steps both give
/// the same verdict. A chain longer than that is rejected (libpcap would go on walking, or
/// never stop). The program is forward-only and always terminates.
public enum ProtocolChain {
    /// How many extension or AH headers the walk steps over before giving up (rejecting).
    public static let maximumAdvances = 12

    /// IPv6 extension headers walked with the `(length + 1) * 8` rule: hop-by-hop, destination
    /// options, routing, fragment — in libpcap's test order.
    static let ipv6Extensions: [UInt32] = [0, 60, 43, 44]
    static let authentication: UInt32 = 51
    static let noNextHeader: UInt32 = 59

    static func walk(_ layer: ProtocolLayer, _ number: UInt8, _ e: Encapsulation, _ scratch: inout ScratchAllocator)
        throws(CodeGenerationError) -> Predicate
    {
        switch layer {
        case .any:
            let v4 = try walk(.ip, number, e, &scratch)
            return .or(v4, try walk(.ip6, number, e, &scratch))
        case .ip, .ip6:
            guard e.linkPayload.variable == nil else { throw .protochainVariableOffset }
            let isIPv6 = layer == .ip6
            let version = try e.linkProtocol(isIPv6 ? EtherType.ipv6 : EtherType.ipv4)
            let base = e.networkHeader.constant
            let cell = try scratch.allocate()
            defer { scratch.free(cell) }
            let start: [Instruction] = isIPv6
                ? [.loadAbsolute(.byte, offset: base &+ 6), .loadXConstant(IPv6.headerLength)]
                : [.loadAbsolute(.byte, offset: base &+ 9), .loadXIPHeaderLength(offset: base)]
            guard let graph = unrolled(start: start, number: UInt32(number), base: base, cell: cell, ipv6: isIPv6)
            else { return .never }
            return .and(version, .graph(graph))
        }
    }

    /// One step per header: A holds the header's protocol number and X its offset from the IP
    /// header; the step accepts on N, rejects on "no next header" or an unknown protocol, and
    /// otherwise advances A and X to the next header.
    private static func unrolled(start: [Instruction], number: UInt32, base: UInt32, cell: ScratchCell, ipv6: Bool)
        -> TestGraph?
    {
        var builder = TestGraphBuilder()
        let memory = cell.index
        // The statements of libpcap's two advance blocks (its AH block's leading `txa` is
        // dead, as A is loaded next, and left out).
        let advanceExtension: [Instruction] = [
            .loadIndirect(.byte, offset: base), .store(cell: memory), .loadIndirect(.byte, offset: base &+ 1),
            .alu(.add, .constant(1)), .alu(.mul, .constant(8)), .alu(.add, .x), .tax, .loadScratch(cell: memory),
        ]
        let advanceAuthentication: [Instruction] = [
            .loadIndirect(.byte, offset: base), .store(cell: memory), .txa, .alu(.add, .constant(1)), .tax,
            .loadIndirect(.byte, offset: base), .alu(.add, .constant(2)), .alu(.mul, .constant(4)), .tax,
            .loadScratch(cell: memory),
        ]
        var stepEntry = builder.reserve()
        let entry = stepEntry
        for step in 0...maximumAdvances {
            let prefix = step == 0 ? start : []
            if step == maximumAdvances {
                builder.set(stepEntry, TestGraph.Node(prefix, .branch(.equal, .constant(number), ifTrue: .exit(true), ifFalse: .exit(false))))
                break
            }
            let none = builder.reserve()
            builder.set(stepEntry, TestGraph.Node(prefix, .branch(.equal, .constant(number), ifTrue: .exit(true), ifFalse: .node(none))))
            var checks = ipv6 ? ipv6Extensions.map { _ in builder.reserve() } : []
            let ah = builder.reserve()
            let extensionStep = ipv6 ? builder.reserve() : nil
            let ahStep = builder.reserve()
            let next = builder.reserve()
            builder.set(none, TestGraph.Node([], .branch(.equal, .constant(noNextHeader), ifTrue: .exit(false),
                                                          ifFalse: .node(checks.first ?? ah))))
            for (i, header) in ipv6Extensions.enumerated() where ipv6 {
                let otherwise = i + 1 < checks.count ? checks[i + 1] : ah
                builder.set(checks[i], TestGraph.Node([], .branch(.equal, .constant(header), ifTrue: .node(extensionStep ?? ah),
                                                                  ifFalse: .node(otherwise))))
            }
            checks.removeAll()
            builder.set(ah, TestGraph.Node([], .branch(.equal, .constant(authentication), ifTrue: .node(ahStep), ifFalse: .exit(false))))
            if let extensionStep { builder.set(extensionStep, TestGraph.Node(advanceExtension, .jump(.node(next)))) }
            builder.set(ahStep, TestGraph.Node(advanceAuthentication, .jump(.node(next))))
            stepEntry = next
        }
        return builder.build(entry: .node(entry))
    }
}
