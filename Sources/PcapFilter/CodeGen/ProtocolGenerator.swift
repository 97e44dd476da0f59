import BPF

/// Protocol keywords and `proto N` (libpcap's `gen_proto_abbrev` and `gen_proto`).
struct ProtocolGenerator {
    let encapsulation: Encapsulation

    init(_ encapsulation: Encapsulation) { self.encapsulation = encapsulation }

    func keyword(_ keyword: ProtocolKeyword) throws(CodeGenerationError) -> Predicate {
        let e = encapsulation
        switch keyword {
        case .ip: return try e.linkProtocol(EtherType.ipv4)
        case .ip6: return try e.linkProtocol(EtherType.ipv6)
        case .arp: return try e.linkProtocol(EtherType.arp)
        case .rarp: return try e.linkProtocol(EtherType.reverseARP)
        case .tcp: return try network(.any, 6)
        case .udp: return try network(.any, 17)
        case .sctp: return try network(.any, 132)
        case .icmp: return try network(.ip, 1)
        case .icmp6: return try network(.ip6, 58)
        case .igmp: return try network(.ip, 2)
        case .igrp: return try network(.ip, 9)
        case .pim: return try network(.any, 103)
        case .vrrp, .carp: return try network(.ip, 112)
        case .ah: return try network(.any, 51)
        case .esp: return try network(.any, 50)
        case .atalk: return try e.linkProtocol(EtherType.appleTalk)
        case .aarp: return try e.linkProtocol(EtherType.appleTalkARP)
        case .decnet: return try e.linkProtocol(EtherType.decnet)
        case .lat: return try e.linkProtocol(0x6004)
        case .sca: return try e.linkProtocol(0x6007)
        case .moprc: return try e.linkProtocol(0x6002)
        case .mopdl: return try e.linkProtocol(0x6001)
        case .ipx: return try e.linkProtocol(LLCSAP.ipx)
        case .netbeui: return try e.linkProtocol(LLCSAP.netbeui)
        case .iso: return try e.linkProtocol(LLCSAP.iso)
        case .stp: return try e.linkProtocol(0x42)
        }
    }

    /// `iso proto N`, `clnp`, `esis`, `isis`: the OSI network protocol identifier after an
    /// LLC header with the ISO SAP.
    func osi(_ number: UInt8) throws(CodeGenerationError) -> Predicate {
        .and(try encapsulation.linkProtocol(LLCSAP.iso), encapsulation.osiHeader.compare(.byte, at: 0, UInt32(number)))
    }

    /// `isis proto N` and the IS-IS PDU keywords: the PDU type, 4 bytes into an IS-IS header.
    func isisPDU(_ type: UInt8) throws(CodeGenerationError) -> Predicate {
        .and(try osi(OSIProtocol.isis), encapsulation.osiHeader.compare(.byte, at: 4, UInt32(type)))
    }

    /// `ip proto N` / `ip6 proto N` / `proto N`.
    func network(_ layer: ProtocolLayer, _ number: UInt8) throws(CodeGenerationError) -> Predicate {
        switch layer {
        case .ip: return try IPv4.protocolIs(number, encapsulation)
        case .ip6: return try IPv6.nextHeaderIs(number, encapsulation)
        case .any: return .or(try IPv4.protocolIs(number, encapsulation), try IPv6.nextHeaderIs(number, encapsulation))
        }
    }
}
