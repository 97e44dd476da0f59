import BPF

/// Primitives that step into an encapsulation and so return a new context: `vlan`, `pppoes`.
enum Tunnels {
    /// `vlan [ID]` for a file or an unattached handle: a tag protocol identifier at the type
    /// field, then the type field and payload move 4 bytes on.
    static func vlan(_ id: UInt32?, _ e: Encapsulation) throws(CodeGenerationError) -> (Predicate, Encapsulation) {
        guard e.mplsDepth == 0 else { throw .vlanAfterMPLS }
        guard e.linkLayer == .ethernet || e.linkLayer.isWireless else { throw .vlanUnsupported(e.linkLayer) }
        if let id, id > 4095 { throw .vlanIdentifierTooLarge(id) }
        guard let typeField = e.linkTypeField else { throw .vlanUnsupported(e.linkLayer) }
        // Each tag protocol as a link-layer protocol: on 802.11 that includes the data-frame check.
        var tags: [Predicate] = []
        for tag in EtherType.vlanTags { tags.append(try e.linkProtocol(UInt16(tag))) }
        var test = Predicate.any(tags)
        // The tag is at libpcap's `OR_LINKPL`: after the link payload's LLC header, if any.
        if let id { test = .and(test, e.networkHeader.compare(.half, at: 0, id, mask: 0x0fff)) }
        var next = e
        next.linkTypeField = typeField.advanced(by: 4)
        next.linkPayload = e.linkPayload.advanced(by: 4)
        next.vlanDepth += 1
        return (test, next)
    }

    /// Whether `vlan` must consult the kernel's tag: the outermost tag on a live Linux socket,
    /// which the kernel removes from the packet (libpcap's `gen_vlan_bpf_extensions` case).
    static func usesTagMetadata(_ e: Encapsulation) -> Bool {
        e.target.source == .liveLinux && e.vlanDepth == 0 && e.linkHeader == LayerOffset(0) && e.geneve == nil
    }

    /// `vlan [ID]` on a live Linux socket, outermost tag: the tag is in the metadata, or (when
    /// the kernel left it in place) in the packet, in which case the two cells holding the
    /// variable part of the link-type and link-payload offsets grow by 4. `cells` are those
    /// cells, set to 0 by the program's prologue.
    static func liveVLAN(_ id: UInt32?, _ e: Encapsulation, cells: (payload: ScratchCell, type: ScratchCell))
        throws(CodeGenerationError) -> (Predicate, Encapsulation)
    {
        if let id, id > 4095 { throw .vlanIdentifierTooLarge(id) }
        guard let typeField = e.linkTypeField else { throw .vlanUnsupported(e.linkLayer) }
        let present: [Instruction] = [.loadAbsolute(.byte, offset: ancillaryVLANTagPresent)]
        let grow: [Instruction] = [cells.payload, cells.type].flatMap { cell -> [Instruction] in
            [.loadScratch(cell: cell.index), .alu(.add, .constant(4)), .store(cell: cell.index)]
        }
        var tpids = EtherType.vlanTags.map { typeField.compare(.half, at: 0, $0) }
        if case .test(var first) = tpids.first {
            first.statements = grow + first.statements
            tpids[0] = .test(first)
        }
        var test = Predicate.or(.compare(present, .equal, 1), .any(tpids))
        if let id {
            // The identifier comes from the metadata or from the packet, then one comparison.
            let nodes: [TestGraph.Node] = [
                TestGraph.Node(present, .branch(.equal, .constant(1), ifTrue: .node(1), ifFalse: .node(2))),
                TestGraph.Node([.loadAbsolute(.byte, offset: ancillaryVLANTag)], .jump(.node(3))),
                TestGraph.Node(e.linkPayload.load(.half, at: 0), .jump(.node(3))),
                TestGraph.Node([.alu(.and, .constant(0x0fff))], .branch(.equal, .constant(id), ifTrue: .exit(true), ifFalse: .exit(false))),
            ]
            if let graph = TestGraph(nodes: nodes, entry: .node(0)) { test = .and(test, .graph(graph)) }
        }
        var next = e
        next.linkTypeField = LayerOffset(typeField.constant, variable: cells.type)
        next.linkPayload = LayerOffset(e.linkPayload.constant, variable: cells.payload)
        next.vlanDepth += 1
        return (test, next)
    }

    /// `SKF_AD_OFF + SKF_AD_VLAN_TAG`, `SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT`.
    static let ancillaryVLANTag: UInt32 = LinkPrimitives.ancillaryBase + 44
    static let ancillaryVLANTagPresent: UInt32 = LinkPrimitives.ancillaryBase + 48

    /// `pppoed`: the discovery ethertype.
    static func pppoeDiscovery(_ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        try e.linkProtocol(EtherType.pppoeDiscovery)
    }

    /// `pppoes [ID]`: the session ethertype and session number; afterwards the link header is
    /// the PPP protocol field after the 6-byte PPPoE header.
    static func pppoeSession(_ id: UInt32?, _ e: Encapsulation) throws(CodeGenerationError) -> (Predicate, Encapsulation) {
        if let id, id > 65535 { throw .pppoeSessionTooLarge(id) }
        var test = try e.linkProtocol(EtherType.pppoeSession)
        if let id { test = .and(test, e.networkHeader.compare(.word, at: 0, id, mask: 0xffff)) }
        var next = e
        let ppp = e.networkHeader.advanced(by: 6)
        next.linkHeader = ppp
        next.linkTypeField = ppp
        next.linkPayload = ppp.advanced(by: 2)
        next.networkHeaderDelta = 0
        next.osiHeaderDelta = 0
        next.protocolField = .pppoeSession
        next.linkLayer = .ppp
        return (test, next)
    }
}
