import BPF

/// IPv6 primitives: hosts and nets, next header (with one fragment header), ports, multicast.
enum IPv6 {
    /// The IPv6 header length; transport fields are read right after it (no extension walk).
    static let headerLength: UInt32 = 40

    /// `ip6 proto N`: the next header, or the one after a single fragment header (44).
    static func nextHeaderIs(_ number: UInt8, _ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        let header = e.networkHeader
        let direct = header.compare(.byte, at: 6, UInt32(number))
        let afterFragment = Predicate.and(header.compare(.byte, at: 6, 44), header.compare(.byte, at: 40, UInt32(number)))
        return .and(try e.linkProtocol(EtherType.ipv6), .or(direct, afterFragment))
    }

    static func host(address: [UInt8], mask: [UInt8], _ direction: AddressDirection, _ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        func word(_ bytes: [UInt8], _ i: Int) -> UInt32 {
            (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(bytes.indices.contains(i * 4 + $1) ? bytes[i * 4 + $1] : 0) }
        }
        func one(_ offset: UInt32) throws(CodeGenerationError) -> Predicate {
            let words = (0..<4).map { i -> Predicate in
                let m = word(mask, i)
                return e.networkHeader.compare(.word, at: offset &+ UInt32(i * 4), word(address, i) & m, mask: m)
            }
            return .and(try e.linkProtocol(EtherType.ipv6), .all(words))
        }
        return Directions.combine(direction, source: try one(8), destination: try one(24))
    }

    /// Ports of one transport protocol right after the fixed header (`gen_portop6`).
    static func ports(_ number: UInt8, _ direction: AddressDirection, low: UInt16, high: UInt16, isRange: Bool,
                      _ e: Encapsulation) -> Predicate {
        let header = e.networkHeader
        func field(_ offset: UInt32) -> Predicate {
            let at = headerLength + offset
            if isRange {
                return .and(header.compare(.half, at: at, .greaterOrEqual, UInt32(low)),
                            .not(header.compare(.half, at: at, .greater, UInt32(high))))
            }
            return header.compare(.half, at: at, UInt32(low))
        }
        return .and(header.compare(.byte, at: 6, UInt32(number)), Directions.combine(direction, source: field(0), destination: field(2)))
    }

    /// `ip6 multicast`: the destination starts with 0xff.
    static func multicast(_ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        .and(try e.linkProtocol(EtherType.ipv6), e.networkHeader.compare(.byte, at: 24, 0xff))
    }
}
