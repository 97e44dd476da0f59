import BPF

/// `mpls` and `geneve`: encapsulations that move the offsets of everything after them.
enum MPLSAndGeneve {
    /// libpcap's `PPP_MPLS_UCAST`, what `mpls` tests on PPP and inside a PPPoE session.
    static let pppMPLS: UInt32 = 0x0281
    /// The UDP port Geneve uses.
    static let genevePort: UInt16 = 6081
    /// Transparent Ethernet bridging: a Geneve payload that is a whole Ethernet frame.
    static let transparentEthernet: UInt32 = 0x6558

    /// `mpls [LABEL]`: the first label is recognized by the link type, later ones by the
    /// bottom-of-stack bit of the one before being clear; the network header moves 4 bytes on.
    static func mpls(_ label: UInt32?, _ e: Encapsulation) throws(CodeGenerationError) -> (Predicate, Encapsulation) {
        var test: Predicate
        if e.mplsDepth > 0 {
            test = e.previousMPLSEntry.compare(.byte, at: 2, 0, mask: 1)
        } else if e.protocolField == .pppoeSession || e.linkLayer == .ppp {
            test = e.typeField(.half, pppMPLS)
        } else if e.linkLayer == .ethernet {
            test = try e.linkProtocol(EtherType.mplsUnicast)
        } else {
            throw .mplsUnsupported(e.linkLayer)
        }
        if let label {
            guard label <= 0xfffff else { throw .mplsLabelTooLarge(label) }
            test = .and(test, e.networkHeader.compare(.word, at: 0, label << 12, mask: 0xffff_f000))
        }
        var next = e
        next.networkHeaderDelta &+= 4
        next.osiHeaderDelta &+= 4
        next.mplsDepth += 1
        return (test, next)
    }

    /// `geneve [VNI]`: UDP to port 6081 over IPv4 or IPv6, Geneve version 0, the VNI; then the
    /// offsets of the inner frame are computed into three scratch cells, and everything after
    /// sees an Ethernet link layer at variable offsets (libpcap's `gen_geneve`).
    ///
    /// The code relies on A and X flowing from one test into the next (the IP header length
    /// left by the IPv4 or IPv6 branch), as libpcap's does; libpcap turns its optimizer off for
    /// programs containing `geneve`.
    static func geneve(_ vni: UInt32?, _ e: Encapsulation, _ scratch: inout ScratchAllocator)
        throws(CodeGenerationError) -> (Predicate, Encapsulation)
    {
        if let vni, vni > 0xff_ffff { throw .geneveVNITooLarge(vni) }
        let header = e.networkHeader

        /// Version 0, then the VNI if one was given; `load` reads a Geneve header field.
        func geneveFields(_ load: (LoadSize, UInt32) -> [Instruction]) -> Predicate {
            func field(_ size: LoadSize, _ offset: UInt32, _ k: UInt32, _ mask: UInt32) -> Predicate {
                .compare(load(size, offset) + [.alu(.and, .constant(mask))], .equal, k)
            }
            let version = field(.byte, 8, 0, 0xc0)
            guard let vni else { return version }
            return .and(version, field(.word, 12, vni << 8, 0xffff_ff00))
        }

        // IPv4: the UDP header is at X + constant after loading the IP header length into X.
        let v4Ports = IPv4.ports(17, .destination, low: genevePort, high: genevePort, isRange: false, e)
        let v4Header = header.loadXIPv4HeaderLength()
        let v4Check = geneveFields { size, offset in v4Header + [.loadIndirect(size, offset: header.constant &+ offset)] }
        let v4Length = Predicate.test(Test(v4Header + [.txa], .equal, .x))
        let v4 = Predicate.all([try e.linkProtocol(EtherType.ipv4), v4Ports, v4Check, v4Length])

        // IPv6: a fixed 40-byte header.
        let v6Ports = IPv6.ports(17, .destination, low: genevePort, high: genevePort, isRange: false, e)
        let udp6 = header.advanced(by: IPv6.headerLength)
        let v6Check = geneveFields { size, offset in udp6.load(size, at: offset) }
        var v6LengthStatements: [Instruction] = [.loadConstant(IPv6.headerLength)]
        if let cell = header.variable {
            v6LengthStatements = [.loadXScratch(cell: cell.index), .loadConstant(IPv6.headerLength), .alu(.add, .x)]
        }
        let v6Length = Predicate.test(Test(v6LengthStatements + [.tax], .equal, .x))
        let v6 = Predicate.all([try e.linkProtocol(EtherType.ipv6), v6Ports, v6Check, v6Length])

        // A holds the IP header length (plus the variable part of the offset): compute the
        // inner link-type, link-header and link-payload offsets.
        let typeCell = try scratch.allocate()
        let headerCell = try scratch.allocate()
        let payloadCell = try scratch.allocate()
        let nodes: [TestGraph.Node] = [
            TestGraph.Node([.alu(.add, .constant(header.constant &+ 8)), .tax,
                            .alu(.add, .constant(2)), .store(cell: typeCell.index),
                            .loadIndirect(.byte, offset: 0), .alu(.and, .constant(0x3f)), .alu(.mul, .constant(4)),
                            .alu(.add, .constant(8)), .alu(.add, .x), .store(cell: headerCell.index),
                            .loadIndirect(.half, offset: 2), .loadXScratch(cell: headerCell.index)],
                           .branch(.equal, .constant(transparentEthernet), ifTrue: .node(1), ifFalse: .node(2))),
            TestGraph.Node([.txa, .alu(.add, .constant(12)), .store(cell: typeCell.index), .alu(.add, .constant(2)), .tax],
                           .jump(.node(2))),
            TestGraph.Node([.storeX(cell: payloadCell.index)], .jump(.exit(true))),
        ]
        guard let offsets = TestGraph(nodes: nodes, entry: .node(0)) else { return (.never, e) }

        var next = e
        next.linkLayer = .ethernet
        next.linkHeader = LayerOffset(0, variable: headerCell)
        next.linkTypeField = LayerOffset(0, variable: typeCell)
        next.linkPayload = LayerOffset(0, variable: payloadCell)
        next.networkHeaderDelta = 0
        next.osiHeaderDelta = 3
        next.protocolField = .linkLayer
        next.geneve = GeneveCells(header: headerCell, payload: payloadCell)
        return (.and(.or(v4, v6), .graph(offsets)), next)
    }
}
