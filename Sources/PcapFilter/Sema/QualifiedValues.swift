extension SemanticAnalyzer {
    /// `head value`: which primitive the pair means (`gen_scode`, `gen_ncode`, `gen_mcode`,
    /// `gen_mcode6`, `gen_ecode`).
    func qualified(_ value: QualifiedValue) throws(Failure) -> SemanticFilter {
        let head = value.head
        switch value.value {
        case let .name(name, _):
            return try named(name, head, value.valueRange)
        case .number(let number):
            return try numbered(number, head, value.valueRange)
        case .ipv4(let address):
            return try ipv4Host(address.value, mask: address.impliedMask, head, isNet: head.kind == .net)
        case let .ipv4Prefix(address, length):
            let mask: UInt32 = length == 0 ? 0 : UInt32.max &<< (32 - min(length, 32))
            return try ipv4Host(address.value, mask: mask, head, isNet: true)
        case let .ipv4Masked(address, mask):
            return try ipv4Host(address.value, mask: mask.value, head, isNet: true)
        case .ipv6(let address):
            return try ipv6Host(address.bytes, length: 128, head, isNet: head.kind == .net)
        case let .ipv6Prefix(address, length):
            return try ipv6Host(address.bytes, length: length, head, isNet: head.kind == .net)
        case .mac(let address):
            return try etherHost(address.bytes, head)
        case .decnet(let text):
            return try decnetHost(Self.decnetAddress(text), head)
        }
    }

    /// A name after a head: `gen_scode`.
    private func named(_ name: String, _ head: Head, _ range: SourceRange) throws(Failure) -> SemanticFilter {
        switch head.kind {
        case nil, .host?:
            if head.proto == .link {
                let wireless = target.linkLayer.isWireless
                guard target.linkLayer == .ethernet || wireless else {
                    throw .semanticProblem(.linkLevelHostNameUnsupported)
                }
                guard let mac = resolver.etherAddress(ofHost: name) else {
                    throw .semanticProblem(wireless ? .unknownWirelessHost(name) : .unknownEtherHost(name))
                }
                return try etherHost(mac, head)
            }
            if head.proto == .decnet { throw .semanticProblem(.decnetNameUnsupported(name)) }
            return try hostName(name, head)
        case .net?:
            guard var address = resolver.networkNumber(name) else { throw .semanticProblem(.unknownNetwork(name)) }
            var mask = UInt32.max
            while address != 0 && address & 0xff00_0000 == 0 {
                address <<= 8
                mask <<= 8
            }
            return try ipv4Host(address, mask: mask, head, isNet: true)
        case .port?:
            return try namedPort(name, head)
        case .portrange?:
            return try namedPortRange(name, head)
        case .gateway?:
            throw .filter(.gatewayUnsupported(at: range))
        case .proto?:
            return try networkProtocol(try protocolNumber(name, head.proto), head.proto)
        case .protochain?:
            return try protochain(try protocolNumber(name, head.proto), head.proto)
        }
    }

    /// Every address of a host name, IPv4 and IPv6, in resolution order, or'ed.
    private func hostName(_ name: String, _ head: Head) throws(Failure) -> SemanticFilter {
        let addresses = resolver.addresses(ofHost: name)
        if addresses.isEmpty { throw .semanticProblem(.unknownHost(name, forAddressFamily: false)) }
        var result: SemanticFilter?
        for address in addresses {
            let next: SemanticFilter
            switch address {
            case .ipv4(let v4):
                if head.proto == .ip6 { continue }
                next = try ipv4Host(v4, mask: .max, head, isNet: false)
            case .ipv6(let v6):
                if head.proto == .ip { continue }
                next = try ipv6Host(v6, length: 128, head, isNet: false)
            }
            result = result.map { .or($0, next) } ?? next
        }
        guard let result else {
            throw .semanticProblem(.unknownHost(name, forAddressFamily: head.proto != nil))
        }
        return result
    }

    /// A number after a head: `gen_ncode` with no text (`host 10` is 0.0.0.10, `net 10` is 10/8).
    private func numbered(_ number: UInt32, _ head: Head, _ range: SourceRange) throws(Failure) -> SemanticFilter {
        switch head.kind {
        case nil, .host?, .net?:
            if head.proto == .decnet { return try decnetHost(UInt16(truncatingIfNeeded: number), head) }
            var address = number
            var mask = UInt32.max
            if head.kind == .net {
                while address != 0 && address & 0xff00_0000 == 0 {
                    address <<= 8
                    mask <<= 8
                }
            }
            return try ipv4Host(address, mask: mask, head, isNet: head.kind == .net)
        case .port?, .portrange?:
            // The parser has checked the protocol and the range.
            let port = UInt16(truncatingIfNeeded: number)
            let direction = try portDirection(head)
            return .primitive(.port(Self.portProtocol(head.proto), direction, low: port, high: port,
                                    isRange: head.kind == .portrange))
        case .gateway?:
            throw .filter(.gatewayRequiresName(at: range))
        case .proto?:
            return try networkProtocol(number, head.proto)
        case .protochain?:
            return try protochain(number, head.proto)
        }
    }

    static func portProtocol(_ proto: ProtocolQualifier?) -> PortProtocol {
        switch proto {
        case .tcp?: .tcp
        case .udp?: .udp
        case .sctp?: .sctp
        default: .any
        }
    }

    /// `gen_host` under `decnet`: host and net alike are one address.
    private func decnetHost(_ address: UInt16, _ head: Head) throws(Failure) -> SemanticFilter {
        .primitive(.decnetHost(address, try addressDirection(head)))
    }

    /// `area.node` as libpcap's `__pcap_atodn` reads it (`sscanf("%d.%d")`): the area in the
    /// top 6 bits, the node in the low 10, higher bits of each dropped; parts after the
    /// second are ignored.
    static func decnetAddress(_ text: String) -> UInt16 {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).prefix(2).map { part in
            part.utf8.reduce(UInt32(0)) { $0 &* 10 &+ UInt32($1 &- UInt8(ascii: "0")) }
        }
        let area = parts.first ?? 0, node = parts.count > 1 ? parts[1] : 0
        return UInt16(truncatingIfNeeded: (area << 10) & 0xfc00 | node & 0x3ff)
    }

    /// `gen_host`: an IPv4 address and mask under a protocol qualifier.
    func ipv4Host(_ address: UInt32, mask: UInt32, _ head: Head, isNet: Bool) throws(Failure) -> SemanticFilter {
        let kind = isNet ? "net" : "host"
        let proto: IPv4HostProtocol
        switch head.proto {
        case nil: proto = .any
        case .ip?: proto = .ip
        case .arp?: proto = .arp
        case .rarp?: proto = .rarp
        case .ip6?: throw .semanticProblem(.modifierApplied(.ip6, target: "ip host"))
        case .decnet?:
            // A prefix or mask after `decnet`: gen_host takes the address's low 16 bits.
            return try decnetHost(UInt16(truncatingIfNeeded: address), head)
        case let other?:
            if [.atalk, .aarp, .lat, .sca, .moprc, .mopdl, .iso, .ipx].contains(other) {
                throw .semanticProblem(.hostFilteringNotImplemented(other))
            }
            throw .semanticProblem(.modifierApplied(other, target: kind))
        }
        return .primitive(.ipv4Host(address: address & mask, mask: mask, proto, try addressDirection(head)))
    }

    /// `gen_host6`: an IPv6 address and prefix under a protocol qualifier.
    func ipv6Host(_ address: [UInt8], length: UInt32, _ head: Head, isNet: Bool) throws(Failure) -> SemanticFilter {
        switch head.proto {
        case nil, .ip6?: break
        case let other?: throw .semanticProblem(.modifierApplied(other, target: isNet ? "ip6 net" : "ip6 host"))
        }
        let mask = (0..<16).map { index -> UInt8 in
            let bits = max(0, min(8, Int(length) - index * 8))
            return bits == 0 ? 0 : UInt8(truncatingIfNeeded: 0xff << (8 - bits))
        }
        let masked = zip(address, mask).map { $0 & $1 }
        return .primitive(.ipv6Host(address: masked, mask: mask, try addressDirection(head)))
    }

    /// `gen_ecode`/`gen_ehostop`: a MAC address under `ether`.
    func etherHost(_ mac: [UInt8], _ head: Head) throws(Failure) -> SemanticFilter {
        let direction: AddressDirection
        switch head.direction {
        case nil: direction = .sourceOrDestination
        case .source?: direction = .source
        case .destination?: direction = .destination
        case .sourceOrDestination?: direction = .sourceOrDestination
        case .sourceAndDestination?: direction = .sourceAndDestination
        case let wlan?:
            if target.linkLayer.isWireless, let field = Self.wirelessField(wlan) {
                return .primitive(.wirelessAddress(mac, field))
            }
            // Ethernet names the qualifier; the others refuse MAC addresses altogether.
            guard target.linkLayer == .ethernet else { throw .filter(.etherAddressUnsupported) }
            throw .semanticProblem(.wlanQualifierNeeds80211(wlan))
        }
        return .primitive(.etherHost(mac, direction))
    }

    /// The 802.11 address field an `addr1`…`ta` qualifier names; nil for `src`, `dst` and their
    /// combinations, which name no single field.
    private static func wirelessField(_ qualifier: DirectionQualifier) -> WirelessAddressField? {
        switch qualifier {
        case .address1: .address1
        case .address2: .address2
        case .address3: .address3
        case .address4: .address4
        case .receiver: .receiver
        case .transmitter: .transmitter
        case .source, .destination, .sourceOrDestination, .sourceAndDestination: nil
        }
    }

    /// The direction of a host or net; 802.11 qualifiers apply to MAC addresses only.
    func addressDirection(_ head: Head) throws(Failure) -> AddressDirection {
        try direction(head, misuse: "addresses other than 802.11 MAC addresses")
    }

    /// The direction of a port or port range.
    func portDirection(_ head: Head) throws(Failure) -> AddressDirection {
        try direction(head, misuse: head.kind == .portrange ? "port ranges" : "ports")
    }

    private func direction(_ head: Head, misuse: String) throws(Failure) -> AddressDirection {
        switch head.direction {
        case nil: .sourceOrDestination
        case .source?: .source
        case .destination?: .destination
        case .sourceOrDestination?: .sourceOrDestination
        case .sourceAndDestination?: .sourceAndDestination
        case let wlan?: throw .semanticProblem(.wlanQualifierMisused(wlan, on: misuse))
        }
    }
}
