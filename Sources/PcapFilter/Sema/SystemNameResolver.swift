#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The machine's own name databases, as libpcap consults them when tcpdump compiles a filter.
///
/// Hosts go through `getaddrinfo` (so `/etc/hosts`, then DNS, in the order nsswitch gives,
/// exactly libpcap's `pcap_nametoaddrinfo`). Services, protocols, ethers and networks are read
/// from their files once, when the resolver is made; a missing file is an empty table.
public struct SystemNameResolver: NameResolver {
    private let services: [ServiceEntry]
    private let protocols: [(names: [String], number: UInt32)]
    private let ethers: [(name: String, address: [UInt8])]
    private let networks: [(names: [String], number: UInt32)]

    struct ServiceEntry {
        var names: [String]
        var port: UInt32
        var proto: String
    }

    /// Reads the databases under `root` (normally `/etc`).
    public init(root: String = "/etc") {
        services = NameDatabaseFiles.lines(of: root + "/services").compactMap { fields in
            guard fields.count >= 2 else { return nil }
            let portAndProto = fields[1].split(separator: "/", maxSplits: 1).map(String.init)
            guard portAndProto.count == 2, let port = UInt32(portAndProto[0]) else { return nil }
            return ServiceEntry(names: [fields[0]] + fields.dropFirst(2), port: port, proto: portAndProto[1])
        }
        protocols = NameDatabaseFiles.lines(of: root + "/protocols").compactMap { fields in
            guard fields.count >= 2, let number = UInt32(fields[1]) else { return nil }
            return ([fields[0]] + fields.dropFirst(2), number)
        }
        ethers = NameDatabaseFiles.lines(of: root + "/ethers").compactMap { fields in
            guard fields.count >= 2, let mac = NameDatabaseFiles.mac(fields[0]) else { return nil }
            return (fields[1], mac)
        }
        networks = NameDatabaseFiles.lines(of: root + "/networks").compactMap { fields in
            guard fields.count >= 2, let number = NameDatabaseFiles.networkNumber(fields[1]) else { return nil }
            return ([fields[0]] + fields.dropFirst(2), number)
        }
    }

    /// `getaddrinfo(name, NULL, {AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP})`, as libpcap asks.
    public func addresses(ofHost name: String) -> [HostAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_protocol = Int32(IPPROTO_TCP)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &result) == 0, let first = result else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [HostAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let socketAddress = entry.pointee.ai_addr {
                switch entry.pointee.ai_family {
                case AF_INET:
                    let raw = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr }
                    addresses.append(.ipv4(UInt32(bigEndian: raw)))
                case AF_INET6:
                    let bytes = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                        withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) }
                    }
                    addresses.append(.ipv6(bytes))
                default:
                    break
                }
            }
            cursor = entry.pointee.ai_next
        }
        return addresses
    }

    /// The first `/etc/services` entry for each of TCP and UDP whose name or alias matches.
    public func ports(ofService name: String) -> ServicePorts {
        func port(_ proto: String) -> UInt32? {
            services.first { $0.proto == proto && $0.names.contains(name) }?.port
        }
        return ServicePorts(tcp: port("tcp"), udp: port("udp"))
    }

    /// `getprotobyname`: the first entry whose name or alias matches.
    public func protocolNumber(_ name: String) -> UInt32? {
        protocols.first { $0.names.contains(name) }?.number
    }

    /// `ether_hostton`: the first entry with that host name.
    public func etherAddress(ofHost name: String) -> [UInt8]? {
        ethers.first { $0.name == name }?.address
    }

    /// `getnetbyname`: the first entry whose name or alias matches.
    public func networkNumber(_ name: String) -> UInt32? {
        networks.first { $0.names.contains(name) }?.number
    }
}

/// Reading the whitespace-separated, `#`-commented files of `/etc`.
enum NameDatabaseFiles {
    /// The fields of each non-empty line, comments removed; no lines if the file is unreadable.
    static func lines(of path: String) -> [[String]] {
        guard let bytes = contents(of: path) else { return [] }
        return bytes.split(separator: UInt8(ascii: "\n")).compactMap { line in
            let text = line.prefix { $0 != UInt8(ascii: "#") }
            let fields = text.split { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
                .map { String(decoding: $0, as: UTF8.self) }
            return fields.isEmpty ? nil : fields
        }
    }

    private static func contents(of path: String) -> [UInt8]? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    /// `xx:xx:xx:xx:xx:xx` with one or two hex digits per group.
    static func mac(_ text: String) -> [UInt8]? {
        let groups = text.split(separator: ":", omittingEmptySubsequences: false)
        guard groups.count == 6 else { return nil }
        var bytes: [UInt8] = []
        for group in groups {
            guard (1...2).contains(group.count), let byte = UInt8(group, radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    /// `inet_network`: dotted decimal parts, right-justified (`10` is 10, `10.1` is 0x0a01).
    static func networkNumber(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard let byte = UInt8(part) else { return nil }
            value = value &<< 8 | UInt32(byte)
        }
        return value
    }
}
