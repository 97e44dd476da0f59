import BPF

/// Primitives that step into an encapsulation and so return a new context: `vlan`, `pppoes`.
enum Tunnels {
    /// `vlan [ID]` for a file or an unattached handle: a tag protocol identifier at the type
    /// field, then the type field and payload move 4 bytes on.
    static func vlan(_ id: UInt32?, _ e: Encapsulation) throws(CodeGenerationError) -> (Predicate, Encapsulation) {
        guard e.mplsDepth == 0 else { throw .vlanAfterMPLS }
        guard e.linkLayer == .ethernet else { throw .vlanUnsupported(e.linkLayer) }
        guard e.target.source != .liveLinux else { throw .vlanOnLiveCaptureUnsupported }
        if let id, id > 4095 { throw .vlanIdentifierTooLarge(id) }
        guard let typeField = e.linkTypeField else { throw .vlanUnsupported(e.linkLayer) }
        var test = Predicate.any(EtherType.vlanTags.map { typeField.compare(.half, at: 0, $0) })
        if let id { test = .and(test, e.linkPayload.compare(.half, at: 0, id, mask: 0x0fff)) }
        var next = e
        next.linkTypeField = typeField.advanced(by: 4)
        next.linkPayload = e.linkPayload.advanced(by: 4)
        next.vlanDepth += 1
        return (test, next)
    }

    /// `pppoed`: the discovery ethertype.
    static func pppoeDiscovery(_ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        try e.linkProtocol(EtherType.pppoeDiscovery)
    }

    /// `pppoes [ID]`: the session ethertype and session number; afterwards the link header is
    /// the PPP protocol field after the 6-byte PPPoE header.
    static func pppoeSession(_ id: UInt32?, _ e: Encapsulation) throws(CodeGenerationError) -> (Predicate, Encapsulation) {
        if let id, id > 65535 { throw .pppoeSessionTooLarge(id) }
        var test = try e.linkProtocol(EtherType.pppoeSession)
        if let id { test = .and(test, e.linkPayload.compare(.word, at: 0, id, mask: 0xffff)) }
        var next = e
        let ppp = e.networkHeader.advanced(by: 6)
        next.linkHeader = ppp
        next.linkTypeField = ppp
        next.linkPayload = ppp.advanced(by: 2)
        next.networkHeaderDelta = 0
        next.protocolField = .pppoeSession
        next.linkLayer = .ppp
        return (test, next)
    }
}
