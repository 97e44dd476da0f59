import BPF

/// IPv4 primitives: hosts and nets (with ARP/RARP), protocol, fragments, ports, casts.
enum IPv4 {
    /// `ip proto N`: the protocol byte at offset 9.
    static func protocolIs(_ number: UInt8, _ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        .and(try e.linkProtocol(EtherType.ipv4), e.networkHeader.compare(.byte, at: 9, UInt32(number)))
    }

    /// Not a later fragment: the fragment offset is zero, so the transport header is present.
    static func firstFragment(_ e: Encapsulation) -> Predicate {
        .not(e.networkHeader.compare(.half, at: 6, .bitsSet, 0x1fff))
    }

    static func host(address: UInt32, mask: UInt32, _ proto: IPv4HostProtocol, _ direction: AddressDirection,
                     _ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        switch proto {
        case .any:
            let ip = try host(address: address, mask: mask, .ip, direction, e)
            // Inside an MPLS stack libpcap tests only the IPv4 addresses.
            guard e.mplsDepth == 0 else { return ip }
            return .or(.or(ip, try host(address: address, mask: mask, .arp, direction, e)),
                       try host(address: address, mask: mask, .rarp, direction, e))
        case .ip:
            return try addressMatch(EtherType.ipv4, source: 12, destination: 16, address, mask, direction, e)
        case .arp:
            return try addressMatch(EtherType.arp, source: 14, destination: 24, address, mask, direction, e)
        case .rarp:
            return try addressMatch(EtherType.reverseARP, source: 14, destination: 24, address, mask, direction, e)
        }
    }

    /// libpcap's `gen_hostop`: each direction tests the protocol again, then the address.
    private static func addressMatch(_ etherType: UInt16, source: UInt32, destination: UInt32,
                                     _ address: UInt32, _ mask: UInt32, _ direction: AddressDirection,
                                     _ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        func one(_ offset: UInt32) throws(CodeGenerationError) -> Predicate {
            .and(try e.linkProtocol(etherType), e.networkHeader.compare(.word, at: offset, address & mask, mask: mask))
        }
        switch direction {
        case .source: return try one(source)
        case .destination: return try one(destination)
        case .sourceOrDestination: return .or(try one(source), try one(destination))
        case .sourceAndDestination: return .and(try one(source), try one(destination))
        }
    }

    /// Ports of one transport protocol over IPv4, first fragments only (`gen_portop`).
    static func ports(_ number: UInt8, _ direction: AddressDirection, low: UInt16, high: UInt16, isRange: Bool,
                      _ e: Encapsulation) -> Predicate {
        let header = e.networkHeader
        func field(_ offset: UInt32) -> Predicate {
            func at(_ condition: JumpCondition, _ k: UInt16) -> Predicate {
                .compare(header.loadXIPv4HeaderLength() + [.loadIndirect(.half, offset: header.constant &+ offset)],
                         condition, UInt32(k))
            }
            return isRange ? .and(at(.greaterOrEqual, low), .not(at(.greater, high))) : at(.equal, low)
        }
        let protocolMatch = Predicate.and(header.compare(.byte, at: 9, UInt32(number)), firstFragment(e))
        return .and(protocolMatch, Directions.combine(direction, source: field(0), destination: field(2)))
    }

    /// `ip broadcast`: the destination's host part is all zeros or all ones.
    static func broadcast(netmask: UInt32, _ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        let hostMask = ~netmask
        let zeros = e.networkHeader.compare(.word, at: 16, 0, mask: hostMask)
        let ones = e.networkHeader.compare(.word, at: 16, hostMask, mask: hostMask)
        return .and(try e.linkProtocol(EtherType.ipv4), .or(zeros, ones))
    }

    /// `ip multicast`: the destination is in 224.0.0.0/4 or above.
    static func multicast(_ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        .and(try e.linkProtocol(EtherType.ipv4), e.networkHeader.compare(.byte, at: 16, .greaterOrEqual, 224))
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
