extension SemanticAnalyzer {
    /// A service name's port and the protocol it belongs to (libpcap's `pcap_nametoport`):
    /// the TCP entry wins; the protocol is "any" only when UDP has the same number.
    /// A decimal string is a port by itself, as `getaddrinfo` reads it (16 bits kept).
    func servicePort(_ name: String) -> (port: Int64, proto: PortProtocol)? {
        if !name.isEmpty, name.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            var value: UInt64 = 0
            for digit in name.utf8 {
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
                value = overflow1 || overflow2 ? .max : sum
            }
            return (Int64(UInt16(truncatingIfNeeded: value)), .any)
        }
        let ports = resolver.ports(ofService: name)
        if let tcp = ports.tcp { return (Int64(tcp), ports.udp == tcp ? .any : .tcp) }
        if let udp = ports.udp { return (Int64(udp), .udp) }
        return nil
    }

    /// The protocol a `tcp`/`udp`/`sctp` qualifier forces, or libpcap's error when the
    /// service belongs to another one.
    private func portProtocol(_ found: PortProtocol, _ head: Head, _ name: String, inRange: Bool) throws(Failure)
        -> PortProtocol
    {
        let wanted = Self.portProtocol(head.proto)
        switch (wanted, found) {
        case (.any, _): return found
        case (_, .any): return wanted
        case let (w, f) where w == f: return w
        default:
            let shown = found == .tcp ? "tcp" : found == .udp ? "udp" : "sctp"
            throw .semanticProblem(.portIsOtherProtocol(name, protocolName: shown, inRange: inRange))
        }
    }

    private func checkedPort(_ port: Int64) throws(Failure) -> UInt16 {
        if port < 0 { throw .semanticProblem(.negativePort(port)) }
        guard let value = UInt16(exactly: port) else {
            throw .semanticProblem(.portAboveMaximum(port))
        }
        return value
    }

    /// `port NAME`.
    func namedPort(_ name: String, _ head: Head) throws(Failure) -> SemanticFilter {
        guard let (port, found) = servicePort(name) else { throw .semanticProblem(.unknownPort(name)) }
        let proto = try portProtocol(found, head, name, inRange: false)
        let value = try checkedPort(port)
        return .primitive(.port(proto, try portDirection(head), low: value, high: value, isRange: false))
    }

    /// `portrange NAME`: libpcap's `pcap_nametoportrange` reads `%d-%d` first (so `80-90x`
    /// is 80–90 and `80--5` is 80 to −5), else splits at the first `-` and looks up each side.
    func namedPortRange(_ name: String, _ head: Head) throws(Failure) -> SemanticFilter {
        let first: Int64, second: Int64, found: PortProtocol
        if let (a, b) = Self.scanDecimalPair(name) {
            (first, second, found) = (a, b, .any)
        } else {
            guard let dash = name.firstIndex(of: "-"),
                  let (a, protoA) = servicePort(String(name[..<dash])),
                  let (b, protoB) = servicePort(String(name[name.index(after: dash)...]))
            else { throw .semanticProblem(.unknownPortInRange(name)) }
            (first, second, found) = (a, b, protoA == protoB ? protoA : .any)
        }
        let proto = try portProtocol(found, head, name, inRange: true)
        let low = try checkedPort(first)
        let high = try checkedPort(second)
        return .primitive(.port(proto, try portDirection(head), low: low, high: high, isRange: true))
    }

    /// `sscanf(text, "%d-%d")` when both conversions succeed (C `int`s).
    static func scanDecimalPair(_ text: String) -> (Int64, Int64)? {
        var bytes = Substring(text).utf8[...]
        func integer() -> Int64? {
            var negative = false
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                negative = sign == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            let digits = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard !digits.isEmpty else { return nil }
            bytes = bytes.dropFirst(digits.count)
            var value: Int64 = 0
            for digit in digits {
                value = min(value * 10 + Int64(digit - UInt8(ascii: "0")), Int64(Int32.max) + 1)
            }
            return Int64(Int32(truncatingIfNeeded: negative ? -value : value))
        }
        guard let a = integer(), bytes.first == UInt8(ascii: "-") else { return nil }
        bytes = bytes.dropFirst()
        guard let b = integer() else { return nil }
        return (a, b)
    }

    /// libpcap's `lookup_proto`: protocol names by qualifier.
    func protocolNumber(_ name: String, _ proto: ProtocolQualifier?) throws(Failure) -> UInt32 {
        switch proto {
        case nil, .ip?, .ip6?:
            guard let number = resolver.protocolNumber(name) else { throw .semanticProblem(.unknownIPProtocol(name)) }
            return number
        case .link?:
            if let type = Self.etherProtocols.first(where: { $0.0 == name })?.1 { return type }
            if let sap = Self.llcProtocols.first(where: { $0.0 == name })?.1 { return sap }
            throw .semanticProblem(.unknownEtherProtocol(name))
        case .iso?:
            guard let number = OSIProtocol.names.first(where: { $0.name == name })?.number
            else { throw .semanticProblem(.unknownOSIProtocol(name)) }
            return UInt32(number)
        default:
            throw .semanticProblem(.unknownProtocol(name))
        }
    }

    /// libpcap's built-in ethertype names (`eproto_db`).
    static let etherProtocols: [(String, UInt32)] = [
        ("aarp", 0x80f3), ("arp", 0x0806), ("atalk", 0x809b), ("decnet", 0x6003), ("ip", 0x0800),
        ("ip6", 0x86dd), ("lat", 0x6004), ("loopback", 0x9000), ("mopdl", 0x6001), ("moprc", 0x6002),
        ("rarp", 0x8035), ("sca", 0x6007),
    ]

    /// libpcap's built-in LLC SAP names (`llc_db`).
    static let llcProtocols: [(String, UInt32)] = [("iso", 0xfe), ("stp", 0x42), ("ipx", 0xe0), ("netbeui", 0xf0)]

    /// `gen_proto`: `[ip|ip6|ether] proto N`.
    func networkProtocol(_ number: UInt32, _ proto: ProtocolQualifier?) throws(Failure) -> SemanticFilter {
        switch proto {
        case nil, .ip?, .ip6?:
            let layer: ProtocolLayer = proto == nil ? .any : proto == .ip ? .ip : .ip6
            // libpcap compares the protocol byte with the full number, so above 255 nothing
            // matches; the loads still happen (and end the program on a short packet), so the
            // same test is made for 255, whose loads are the same, and then refused.
            guard let byte = UInt8(exactly: number) else {
                return .and(.primitive(.networkProtocol(layer, 0xff)), Self.never)
            }
            return .primitive(.networkProtocol(layer, byte))
        case .link?:
            // Likewise a 16-bit type field never equals a number above 65535 (same loads as 0xffff).
            guard let type = UInt16(exactly: number) else { return .and(.primitive(.etherProtocol(0xffff)), Self.never) }
            return .primitive(.etherProtocol(type))
        case .iso?:
            // As for IP, a number above 255 makes the loads of 255 and then matches nothing.
            guard let byte = UInt8(exactly: number) else { return .and(.primitive(.osiProtocol(0xff)), Self.never) }
            return .primitive(.osiProtocol(byte))
        case .isis?:
            guard let byte = UInt8(exactly: number) else { return .and(.primitive(.isisPDU(0xff)), Self.never) }
            return .primitive(.isisPDU(byte))
        case let other?:
            throw .semanticProblem(.notEncapsulating(other))
        }
    }

    /// `gen_protochain`: `[ip|ip6] protochain N`.
    func protochain(_ number: UInt32, _ proto: ProtocolQualifier?) throws(Failure) -> SemanticFilter {
        let layer: ProtocolLayer
        switch proto {
        case nil: layer = .any
        case .ip?: layer = .ip
        case .ip6?: layer = .ip6
        default: throw .semanticProblem(.badProtochainQualifier)
        }
        // libpcap compares each header's protocol byte with the full number, so above 255 the
        // walk never matches. The walk for 255 makes the same loads (255 is no extension
        // header, so both walks stop there), and is then refused.
        guard let byte = UInt8(exactly: number) else {
            return .and(.primitive(.protochain(layer, 0xff)), Self.never)
        }
        return .primitive(.protochain(layer, byte))
    }

    /// A filter that matches no packet and loads nothing from it: `0 = 1`.
    static let never = SemanticFilter.primitive(.relation(.constant(0), .equal, .constant(1)))
}

/// OSI network protocol identifiers (ISO/IEC TR 9577) and the IS-IS PDU types of libpcap's
/// IS-IS keywords.
enum OSIProtocol {
    static let clnp: UInt8 = 0x81
    static let esis: UInt8 = 0x82
    static let isis: UInt8 = 0x83
    /// The names `iso proto` takes.
    static let names: [(name: String, number: UInt8)] = [("esis", esis), ("isis", isis), ("clnp", clnp)]

    /// The PDU types an IS-IS keyword stands for, in the order libpcap's program tests them;
    /// `nil` for other qualifiers.
    static func isisPDUTypes(_ keyword: ProtocolQualifier) -> [UInt8]? {
        let l1LANHello: UInt8 = 15, l2LANHello: UInt8 = 16, pointToPointHello: UInt8 = 17
        let l1LSP: UInt8 = 18, l2LSP: UInt8 = 20
        let l1CSNP: UInt8 = 24, l2CSNP: UInt8 = 25, l1PSNP: UInt8 = 26, l2PSNP: UInt8 = 27
        switch keyword {
        case .isisL1: return [l1PSNP, l1CSNP, l1LSP, l1LANHello, pointToPointHello]
        case .isisL2: return [l2PSNP, l2CSNP, l2LSP, l2LANHello, pointToPointHello]
        case .isisIIH: return [pointToPointHello, l1LANHello, l2LANHello]
        case .isisLSP: return [l1LSP, l2LSP]
        case .isisSNP: return [l2PSNP, l1PSNP, l1CSNP, l2CSNP]
        case .isisCSNP: return [l1CSNP, l2CSNP]
        case .isisPSNP: return [l1PSNP, l2PSNP]
        default: return nil
        }
    }
}
