import BPF

/// Protocol keywords and `proto N` (libpcap's `gen_proto_abbrev` and `gen_proto`).
struct ProtocolGenerator {
    let encapsulation: Encapsulation

    init(_ encapsulation: Encapsulation) { self.encapsulation = encapsulation }

    func keyword(_ keyword: ProtocolKeyword) -> Predicate {
        let e = encapsulation
        switch keyword {
        case .ip: return e.linkProtocol(EtherType.ipv4)
        case .ip6: return e.linkProtocol(EtherType.ipv6)
        case .arp: return e.linkProtocol(EtherType.arp)
        case .rarp: return e.linkProtocol(EtherType.reverseARP)
        case .tcp: return network(.any, 6)
        case .udp: return network(.any, 17)
        case .sctp: return network(.any, 132)
        case .icmp: return network(.ip, 1)
        case .icmp6: return network(.ip6, 58)
        case .igmp: return network(.ip, 2)
        case .igrp: return network(.ip, 9)
        case .pim: return network(.any, 103)
        case .vrrp, .carp: return network(.ip, 112)
        case .ah: return network(.any, 51)
        case .esp: return network(.any, 50)
        case .atalk: return e.linkProtocol(EtherType.appleTalk)
        case .aarp: return e.linkProtocol(EtherType.appleTalkARP)
        case .decnet: return e.linkProtocol(EtherType.decnet)
        case .lat: return e.linkProtocol(0x6004)
        case .sca: return e.linkProtocol(0x6007)
        case .moprc: return e.linkProtocol(0x6002)
        case .mopdl: return e.linkProtocol(0x6001)
        case .ipx: return e.linkProtocol(LLCSAP.ipx)
        case .netbeui: return e.linkProtocol(LLCSAP.netbeui)
        case .iso: return e.linkProtocol(LLCSAP.iso)
        case .stp: return e.linkProtocol(0x42)
        }
    }

    /// `ip proto N` / `ip6 proto N` / `proto N`.
    func network(_ layer: ProtocolLayer, _ number: UInt8) -> Predicate {
        switch layer {
        case .ip: return IPv4.protocolIs(number, encapsulation)
        case .ip6: return IPv6.nextHeaderIs(number, encapsulation)
        case .any: return .or(IPv4.protocolIs(number, encapsulation), IPv6.nextHeaderIs(number, encapsulation))
        }
    }
}
