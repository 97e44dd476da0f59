/// One address a host name resolves to.
public enum HostAddress: Hashable, Sendable {
    /// An IPv4 address, most significant byte first in the integer.
    case ipv4(UInt32)
    /// An IPv6 address: 16 bytes in network order.
    case ipv6([UInt8])
}

/// The port numbers a service name has for each transport protocol that lists it.
public struct ServicePorts: Hashable, Sendable {
    /// The TCP port, if the service is listed for TCP.
    public var tcp: UInt32?
    /// The UDP port, if the service is listed for UDP.
    public var udp: UInt32?

    /// Creates an entry.
    public init(tcp: UInt32? = nil, udp: UInt32? = nil) {
        self.tcp = tcp
        self.udp = udp
    }
}

/// Where the compiler turns names into numbers: hosts, services, protocols, ethers, networks.
///
/// Injected, so that tests never depend on the machine's files or on DNS. Every method
/// returns what libpcap's corresponding lookup would see, in the order it would see it.
public protocol NameResolver: Sendable {
    /// Every address of `name`, IPv4 and IPv6, in resolution order (libpcap's
    /// `pcap_nametoaddrinfo`); empty when the name is unknown.
    func addresses(ofHost name: String) -> [HostAddress]
    /// The TCP and UDP ports of a service (`/etc/services`).
    func ports(ofService name: String) -> ServicePorts
    /// The IP protocol number of `name` (`/etc/protocols`).
    func protocolNumber(_ name: String) -> UInt32?
    /// The MAC address of `name` (`/etc/ethers`).
    func etherAddress(ofHost name: String) -> [UInt8]?
    /// The network number of `name` as `getnetbyname` gives it (`/etc/networks`):
    /// right-justified, so `10` is `0x0000000a` and `127.0.0.0` is `0x7f000000`.
    func networkNumber(_ name: String) -> UInt32?
}

/// A resolver that knows exactly the names it was given: for tests and for tools that must
/// not touch the network.
public struct FixedNameResolver: NameResolver {
    /// Host names and their addresses, in resolution order.
    public var hosts: [String: [HostAddress]]
    /// Service names and their ports.
    public var services: [String: ServicePorts]
    /// Protocol names and numbers.
    public var protocols: [String: UInt32]
    /// Host names and MAC addresses.
    public var ethers: [String: [UInt8]]
    /// Network names and numbers.
    public var networks: [String: UInt32]

    /// Creates a resolver from tables; names missing from them are unknown.
    public init(hosts: [String: [HostAddress]] = [:], services: [String: ServicePorts] = [:],
                protocols: [String: UInt32] = [:], ethers: [String: [UInt8]] = [:],
                networks: [String: UInt32] = [:]) {
        self.hosts = hosts
        self.services = services
        self.protocols = protocols
        self.ethers = ethers
        self.networks = networks
    }

    /// A resolver that knows no names at all.
    public static let empty = FixedNameResolver()

    /// The host's addresses, or none.
    public func addresses(ofHost name: String) -> [HostAddress] { hosts[name] ?? [] }
    /// The service's ports, or none.
    public func ports(ofService name: String) -> ServicePorts { services[name] ?? ServicePorts() }
    /// The protocol's number, or nil.
    public func protocolNumber(_ name: String) -> UInt32? { protocols[name] }
    /// The MAC address, or nil.
    public func etherAddress(ofHost name: String) -> [UInt8]? { ethers[name] }
    /// The network number, or nil.
    public func networkNumber(_ name: String) -> UInt32? { networks[name] }
}
