import PcapFile

/// Turns captured frames into tcpdump's one-line summaries (plus any `-x`/`-X`/`-A` dump).
///
/// A printer is a value with state: tcpdump prints TCP sequence numbers relative to each
/// connection's first segment, and `-ttt` needs the previous packet's time, so one printer
/// follows one stream of packets.
public struct PacketPrinter {
    /// How lines are printed.
    public let options: PrintOptions
    let resolver: any PrinterNameResolver
    let namesPorts: Bool
    var out = TextBuffer()
    var layers: [ProtocolLayer] = []
    var covered = true
    var connections = TCPConnections()
    var clock = LineClock()
    /// The captured bytes after the link-layer header, for `-x`/`-X`/`-A`.
    var linkHeaderLength = 0
    /// How many network headers enclose the one being printed: tunnels nest, and a crafted
    /// packet must not recurse deep enough to exhaust the stack.
    var nesting = 0
    static let maximumNesting = 32

    /// Creates a printer; `resolver` supplies names when `options.numeric` allows them.
    public init(options: PrintOptions = PrintOptions(), resolver: any PrinterNameResolver = NumericNames()) {
        self.options = options
        self.resolver = resolver
        namesPorts = options.numeric == 0
        out.bytes.reserveCapacity(512)
    }

    /// The text tcpdump prints for `packet`, ending in a newline; `number` is `-#`'s count.
    public mutating func lines(for packet: PacketView, number: Int?) -> String {
        print(packet, number: number)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Appends the text for `packet` to `output`: the fast path for writing many lines.
    public mutating func append(_ packet: PacketView, number: Int?, to output: inout [UInt8]) {
        print(packet, number: number)
        output.append(contentsOf: out.bytes)
    }

    /// The text for `packet` with the protocols it went through, for comparing with tcpdump.
    public mutating func describe(_ packet: PacketView, number: Int? = nil) -> PrintedPacket {
        print(packet, number: number)
        return PrintedPacket(text: String(decoding: out.bytes, as: UTF8.self), layers: layers, isCovered: covered)
    }

    private mutating func print(_ packet: PacketView, number: Int?) {
        out.bytes.removeAll(keepingCapacity: true)
        layers.removeAll(keepingCapacity: true)
        covered = true
        linkHeaderLength = 0
        nesting = 0
        if let number {
            let before = out.bytes.count
            out.decimal(UInt64(max(0, number)))
            let width = out.bytes.count - before
            if width < 5 {
                out.bytes.insert(contentsOf: repeatElement(0x20, count: 5 - width), at: before)
            }
            out.write("  ")
        }
        if invalidHeader(captured: packet.bytes.count, wire: Int(packet.originalLength)) { return }
        clock.write(packet.timestamp, options: options, to: &out)
        let bytes = Bytes(packet.bytes)
        link(packet.linkType, bytes, wireLength: Int(packet.originalLength), interface: packet.interfaceIndex)
        dumpPayload(bytes)
        out.write(byte: 0x0a)
    }

    /// tcpdump's refusal of impossible record headers, `[Invalid header: caplen==0]`, in
    /// place of the time stamp and the line.
    private mutating func invalidHeader(captured: Int, wire: Int) -> Bool {
        guard captured == 0 || wire == 0 || wire < captured else { return false }
        out.write("[Invalid header:")
        var separator: StaticString = ""
        if captured == 0 {
            out.write(" caplen==0")
            separator = ","
        }
        if wire == 0 {
            out.write(separator)
            out.write(" len==0")
        } else if wire < captured {
            out.write(separator)
            out.write(" len(")
            out.decimal(wire)
            out.write(") < caplen(")
            out.decimal(captured)
            out.write(")")
        }
        out.write("]\n")
        return true
    }

    /// Marks the packet as using a protocol printed only generically (not as tcpdump would).
    mutating func uncovered() {
        covered = false
    }

    /// Prints tcpdump's truncation mark, ` [|name]`.
    mutating func truncated(_ name: StaticString) {
        out.write(" [|")
        out.write(name)
        out.write("]")
    }
}

/// One printed packet with what the printer knows about it.
public struct PrintedPacket: Sendable {
    /// The text, ending in a newline.
    public var text: String
    /// The protocols decoded, outermost first.
    public var layers: [ProtocolLayer]
    /// Whether every protocol in the packet was printed as tcpdump prints it, rather than in
    /// a generic form.
    public var isCovered: Bool
}

/// The protocols the printer decodes, named as the identical-lines report groups them.
public enum ProtocolLayer: String, Sendable, CaseIterable {
    /// Ethernet II or 802.3.
    case ethernet
    /// An 802.1Q or 802.1ad tag.
    case vlan
    /// An MPLS label stack.
    case mpls
    /// PPPoE discovery or session.
    case pppoe
    /// Linux cooked capture v1 or v2.
    case linuxCooked = "linux-sll"
    /// BSD NULL or OpenBSD LOOP.
    case loopback
    /// Raw IP (no link header).
    case raw
    /// PPP.
    case ppp
    /// ARP or RARP.
    case arp
    /// IPv4.
    case ipv4
    /// IPv6.
    case ipv6
    /// ICMP.
    case icmp
    /// ICMPv6.
    case icmpv6
    /// IGMP.
    case igmp
    /// GRE.
    case gre
    /// VXLAN.
    case vxlan
    /// GENEVE.
    case geneve
    /// TCP.
    case tcp
    /// UDP.
    case udp
    /// SCTP.
    case sctp
    /// DNS (and mDNS).
    case dns
    /// HTTP's first line.
    case http
    /// Anything printed only in a generic form.
    case other
}
