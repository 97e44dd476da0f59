/// Where names for addresses and ports come from when printing without `-n`/`-nn`.
///
/// The printer never looks anything up itself: a resolver is injected, and the default
/// one answers nothing, so lines show numbers unless the caller supplies names.
public protocol PrinterNameResolver: Sendable {
    /// A name for an IPv4 address (network byte order in the value's bytes), or nil.
    func hostName(ipv4: UInt32) -> String?
    /// A name for an IPv6 address, or nil.
    func hostName(ipv6: [UInt8]) -> String?
    /// A name for a port of `transport`, or nil.
    func serviceName(port: UInt16, transport: TransportProtocol) -> String?
    /// The name of the capturing host's interface `index` (LINUX_SLL2 headers), or nil.
    func interfaceName(index: UInt32) -> String?
    /// A name for IP protocol `number` (`udp`), or nil.
    func protocolName(number: UInt8) -> String?
    /// The vendor owning an Ethernet OUI (the first three address bytes), or nil; tcpdump
    /// prints `(oui Unknown)` after a MAC address without `-n` when it knows none.
    func vendorName(oui: UInt32) -> String?
}

extension PrinterNameResolver {
    /// No interface names unless a resolver supplies them (tcpdump prints `?`).
    public func interfaceName(index: UInt32) -> String? { nil }
    /// No protocol names unless a resolver supplies them.
    public func protocolName(number: UInt8) -> String? { nil }
    /// No vendor names unless a resolver supplies them.
    public func vendorName(oui: UInt32) -> String? { nil }
}

/// The transport protocols whose ports have service names.
public enum TransportProtocol: Sendable {
    /// TCP.
    case tcp
    /// UDP.
    case udp
    /// SCTP.
    case sctp
}

/// A resolver that knows no names: every address and port prints as a number.
public struct NumericNames: PrinterNameResolver {
    /// Creates the resolver.
    public init() {}
    /// Always nil.
    public func hostName(ipv4: UInt32) -> String? { nil }
    /// Always nil.
    public func hostName(ipv6: [UInt8]) -> String? { nil }
    /// Always nil.
    public func serviceName(port: UInt16, transport: TransportProtocol) -> String? { nil }
}

/// Port names from the text of a services file (`/etc/services` format: `name port/proto`),
/// as tcpdump names ports without `-nn`; hosts stay numeric.
public struct ServiceNames: PrinterNameResolver {
    private let tcp: [UInt16: String]
    private let udp: [UInt16: String]
    private let sctp: [UInt16: String]
    private let protocols: [UInt8: String]

    /// Parses services-file text (and optionally `/etc/protocols` text); the first name
    /// given for a number wins, as in getservbyport and getprotobynumber.
    public init(servicesText: String, protocolsText: String = "") {
        var protocols: [UInt8: String] = [:]
        for line in protocolsText.split(separator: "\n") {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, let number = UInt8(fields[1]), protocols[number] == nil else { continue }
            protocols[number] = String(fields[0])
        }
        self.protocols = protocols
        var tcp: [UInt16: String] = [:]
        var udp: [UInt16: String] = [:]
        var sctp: [UInt16: String] = [:]
        for line in servicesText.split(separator: "\n") {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2 else { continue }
            let portAndProto = fields[1].split(separator: "/")
            guard portAndProto.count == 2, let port = UInt16(portAndProto[0]) else { continue }
            let name = String(fields[0])
            switch portAndProto[1] {
            case "tcp": if tcp[port] == nil { tcp[port] = name }
            case "udp": if udp[port] == nil { udp[port] = name }
            case "sctp": if sctp[port] == nil { sctp[port] = name }
            default: break
            }
        }
        self.tcp = tcp
        self.udp = udp
        self.sctp = sctp
    }

    /// Always nil: no host lookups.
    public func hostName(ipv4: UInt32) -> String? { nil }
    /// Always nil: no host lookups.
    public func hostName(ipv6: [UInt8]) -> String? { nil }
    /// The protocols file's name for the number, or nil.
    public func protocolName(number: UInt8) -> String? { protocols[number] }

    /// The services file's name for the port, or nil.
    public func serviceName(port: UInt16, transport: TransportProtocol) -> String? {
        switch transport {
        case .tcp: tcp[port]
        case .udp: udp[port]
        case .sctp: sctp[port]
        }
    }
}
