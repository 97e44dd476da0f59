import BPF

/// IPv4 primitives: hosts and nets (with ARP/RARP), protocol, fragments, ports, casts.
enum IPv4 {
    /// `ip proto N`: the protocol byte at offset 9.
    static func protocolIs(_ number: UInt8, _ e: Encapsulation) -> Predicate {
        .and(e.linkProtocol(EtherType.ipv4), e.networkHeader.compare(.byte, at: 9, UInt32(number)))
    }

    /// Not a later fragment: the fragment offset is zero, so the transport header is present.
    static func firstFragment(_ e: Encapsulation) -> Predicate {
        .not(e.networkHeader.compare(.half, at: 6, .bitsSet, 0x1fff))
    }

    static func host(address: UInt32, mask: UInt32, _ proto: IPv4HostProtocol, _ direction: AddressDirection,
                     _ e: Encapsulation) -> Predicate {
        switch proto {
        case .any:
            return .or(.or(host(address: address, mask: mask, .ip, direction, e),
                           host(address: address, mask: mask, .arp, direction, e)),
                       host(address: address, mask: mask, .rarp, direction, e))
        case .ip:
            return addressMatch(EtherType.ipv4, source: 12, destination: 16, address, mask, direction, e)
        case .arp:
            return addressMatch(EtherType.arp, source: 14, destination: 24, address, mask, direction, e)
        case .rarp:
            return addressMatch(EtherType.reverseARP, source: 14, destination: 24, address, mask, direction, e)
        }
    }

    /// libpcap's `gen_hostop`: each direction tests the protocol again, then the address.
    private static func addressMatch(_ etherType: UInt16, source: UInt32, destination: UInt32,
                                     _ address: UInt32, _ mask: UInt32, _ direction: AddressDirection,
                                     _ e: Encapsulation) -> Predicate {
        func one(_ offset: UInt32) -> Predicate {
            .and(e.linkProtocol(etherType), e.networkHeader.compare(.word, at: offset, address & mask, mask: mask))
        }
        switch direction {
        case .source: return one(source)
        case .destination: return one(destination)
        case .sourceOrDestination: return .or(one(source), one(destination))
        case .sourceAndDestination: return .and(one(source), one(destination))
        }
    }

    /// Ports of one transport protocol over IPv4, first fragments only (`gen_portop`).
    static func ports(_ number: UInt8, _ direction: AddressDirection, low: UInt16, high: UInt16, isRange: Bool,
                      _ e: Encapsulation) -> Predicate {
        let header = e.networkHeader
        func field(_ offset: UInt32) -> Predicate {
            func at(_ condition: JumpCondition, _ k: UInt16) -> Predicate {
                .compare([.loadXIPHeaderLength(offset: header.constant),
                          .loadIndirect(.half, offset: header.constant &+ offset)], condition, UInt32(k))
            }
            return isRange ? .and(at(.greaterOrEqual, low), .not(at(.greater, high))) : at(.equal, low)
        }
        let protocolMatch = Predicate.and(header.compare(.byte, at: 9, UInt32(number)), firstFragment(e))
        return .and(protocolMatch, Directions.combine(direction, source: field(0), destination: field(2)))
    }

    /// `ip broadcast`: the destination's host part is all zeros or all ones.
    static func broadcast(netmask: UInt32, _ e: Encapsulation) -> Predicate {
        let hostMask = ~netmask
        let zeros = e.networkHeader.compare(.word, at: 16, 0, mask: hostMask)
        let ones = e.networkHeader.compare(.word, at: 16, hostMask, mask: hostMask)
        return .and(e.linkProtocol(EtherType.ipv4), .or(zeros, ones))
    }

    /// `ip multicast`: the destination is in 224.0.0.0/4 or above.
    static func multicast(_ e: Encapsulation) -> Predicate {
        .and(e.linkProtocol(EtherType.ipv4), e.networkHeader.compare(.byte, at: 16, .greaterOrEqual, 224))
    }
}

/// Combining a source test and a destination test by an ``AddressDirection``.
enum Directions {
    static func combine(_ direction: AddressDirection, source: Predicate, destination: Predicate) -> Predicate {
        switch direction {
        case .source: source
        case .destination: destination
        case .sourceOrDestination: .or(source, destination)
        case .sourceAndDestination: .and(source, destination)
        }
    }
}
