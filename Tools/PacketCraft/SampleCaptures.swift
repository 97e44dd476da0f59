import PcapFile

/// A capture file the project ships in `captures/`, described by the packets it holds.
public struct SampleCapture: Sendable {
    /// The file name under `captures/`.
    public let fileName: String
    /// The link type of every packet.
    public let linkType: LinkType
    /// The time-stamp precision the file is written with.
    public let precision: TimestampPrecision
    /// The packets, in order.
    public let packets: [CapturedPacket]
    /// For each packet, a fragment tcpdump's `-nn` line for it must contain.
    public let expectedSummaries: [String]
}

/// The sample captures in `captures/`: varied, valid traffic among a few test hosts.
public enum SampleCaptures {
    static let client = IPv4Address(10, 0, 0, 1)
    static let server = IPv4Address(10, 0, 0, 2)
    static let resolver = IPv4Address(10, 0, 0, 53)
    static let client6 = IPv6Address([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1])
    static let server6 = IPv6Address([0x2001, 0xdb8, 0, 0, 0, 0, 0, 2])
    static let clientMAC = MACAddress(0x02, 0, 0, 0, 0, 0x01)
    static let serverMAC = MACAddress(0x02, 0, 0, 0, 0, 0x02)

    /// Every sample capture.
    public static var all: [SampleCapture] { [mixed, vlan, rawIP, nanosecond] }

    /// Ethernet traffic of many kinds: ARP, TCP, UDP/DNS, ICMP, IPv6, fragments, options.
    public static var mixed: SampleCapture {
        var frames: [(bytes: [UInt8], wireLength: Int?, summary: String)] = []
        func ether(_ type: EtherType, _ payload: [UInt8], from source: MACAddress = clientMAC,
                   to destination: MACAddress = serverMAC) -> [UInt8] {
            LinkLayer.ethernet(destination: destination, source: source, type: type, payload: payload)
        }
        let v4 = PseudoHeader.ipv4(client, server)
        let v4Back = PseudoHeader.ipv4(server, client)
        frames.append((ether(.arp, LinkLayer.arp(isReply: false, senderMAC: clientMAC, senderIP: client,
                                                 targetMAC: MACAddress(0, 0, 0, 0, 0, 0), targetIP: server),
                             to: .broadcast), nil, "Request who-has 10.0.0.2 tell 10.0.0.1"))
        frames.append((ether(.arp, LinkLayer.arp(isReply: true, senderMAC: serverMAC, senderIP: server,
                                                 targetMAC: clientMAC, targetIP: client),
                             from: serverMAC, to: clientMAC), nil, "Reply 10.0.0.2 is-at 02:00:00:00:00:02"))
        let handshake: [(PseudoHeader, Bool, TCPFlags, UInt32, UInt32, [UInt8], String)] = [
            (v4, true, .syn, 1000, 0, [], "10.0.0.1.40000 > 10.0.0.2.80: Flags [S]"),
            (v4Back, false, [.syn, .ack], 5000, 1001, [], "10.0.0.2.80 > 10.0.0.1.40000: Flags [S.]"),
            (v4, true, .ack, 1001, 5001, [], "10.0.0.1.40000 > 10.0.0.2.80: Flags [.]"),
            (v4, true, [.psh, .ack], 1001, 5001, Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8), "Flags [P.]"),
            (v4, true, [.fin, .ack], 1028, 5001, [], "Flags [F.]"),
        ]
        for (pseudo, outbound, flags, sequence, ack, payload, summary) in handshake {
            let segment = TransportLayer.tcp(pseudo, sourcePort: outbound ? 40000 : 80,
                                             destinationPort: outbound ? 80 : 40000, sequence: sequence,
                                             acknowledgement: ack, flags: flags, payload: payload)
            let packet = NetworkLayer.ipv4(source: outbound ? client : server, destination: outbound ? server : client,
                                           protocol: .tcp, dontFragment: true, payload: segment)
            frames.append((ether(.ipv4, packet, from: outbound ? clientMAC : serverMAC,
                                 to: outbound ? serverMAC : clientMAC), nil, summary))
        }
        let query: [UInt8] = [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
                              7] + Array("example".utf8) + [3] + Array("com".utf8) + [0, 0, 1, 0, 1]
        let dnsQuery = NetworkLayer.ipv4(
            source: client, destination: resolver, protocol: .udp,
            payload: TransportLayer.udp(.ipv4(client, resolver), sourcePort: 53000, destinationPort: 53, payload: query))
        frames.append((ether(.ipv4, dnsQuery), nil, "10.0.0.1.53000 > 10.0.0.53.53: 4660+ A? example.com."))
        // ICMP errors quote the packet that caused them: all of it, or its header and 8 bytes.
        frames.append((ether(.ipv4, NetworkLayer.ipv4(
            source: resolver, destination: client, protocol: .icmp,
            payload: TransportLayer.icmpError(type: 3, code: 3, quoting: dnsQuery)), from: serverMAC, to: clientMAC),
            nil, "ICMP 10.0.0.53 udp port 53 unreachable"))
        let router = IPv4Address(10, 0, 0, 254)
        let expiring = NetworkLayer.ipv4(source: client, destination: server, protocol: .tcp, ttl: 1, payload:
            TransportLayer.tcp(v4, sourcePort: 40002, destinationPort: 80, sequence: 3000, flags: .syn))
        frames.append((ether(.ipv4, NetworkLayer.ipv4(
            source: router, destination: client, protocol: .icmp,
            payload: TransportLayer.icmpError(type: 11, code: 0, quoting: Array(expiring.prefix(28)))),
            from: serverMAC, to: clientMAC), nil, "ICMP time exceeded in-transit"))
        for (reply, summary) in [(false, "ICMP echo request, id 7, seq 1"), (true, "ICMP echo reply, id 7, seq 1")] {
            let message = TransportLayer.icmpEcho(isReply: reply, identifier: 7, sequence: 1,
                                                  payload: Array(repeating: 0x61, count: 32))
            frames.append((ether(.ipv4, NetworkLayer.ipv4(source: reply ? server : client,
                                                          destination: reply ? client : server,
                                                          protocol: .icmp, payload: message),
                                 from: reply ? serverMAC : clientMAC, to: reply ? clientMAC : serverMAC),
                           nil, summary))
        }
        let v6 = PseudoHeader.ipv6(client6, server6)
        frames.append((ether(.ipv6, NetworkLayer.ipv6(
            source: client6, destination: server6, nextHeader: .tcp,
            payload: TransportLayer.tcp(v6, sourcePort: 40001, destinationPort: 443, sequence: 77, flags: .syn))),
            nil, "2001:db8::1.40001 > 2001:db8::2.443: Flags [S]"))
        frames.append((ether(.ipv6, NetworkLayer.ipv6(
            source: client6, destination: server6, nextHeader: .icmpv6,
            payload: TransportLayer.icmpv6Echo(v6, isReply: false, identifier: 9, sequence: 3, payload: [1, 2, 3, 4]))),
            nil, "ICMP6, echo request, id 9, seq 3"))
        frames.append((ether(.ipv6, NetworkLayer.ipv6(
            source: client6, destination: server6, nextHeader: .ipv6HopByHop,
            payload: NetworkLayer.hopByHop(nextHeader: .udp, payload: TransportLayer.udp(
                v6, sourcePort: 5000, destinationPort: 6000, payload: Array(repeating: 0x42, count: 12))))),
            nil, "HBH"))
        let bigPayload = TransportLayer.udp(v4, sourcePort: 20000, destinationPort: 20001,
                                            payload: Array(repeating: 0x5a, count: 40))
        frames.append((ether(.ipv4, NetworkLayer.ipv4(source: client, destination: server, protocol: .udp,
                                                      identification: 99, moreFragments: true,
                                                      payload: Array(bigPayload[0..<24]))),
                       nil, "10.0.0.1.20000 > 10.0.0.2.20001: UDP, length 40"))
        frames.append((ether(.ipv4, NetworkLayer.ipv4(source: client, destination: server, protocol: .udp,
                                                      identification: 99, fragmentOffset: 3,
                                                      payload: Array(bigPayload[24...]))),
                       nil, "10.0.0.1 > 10.0.0.2: ip-proto-17"))
        let recordRoute: [UInt8] = [7, 11, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1]  // RR with room for two, then EOL padding.
        frames.append((ether(.ipv4, NetworkLayer.ipv4(
            source: client, destination: server, protocol: .udp, options: recordRoute,
            payload: TransportLayer.udp(v4, sourcePort: 1234, destinationPort: 5678, payload: [0, 1, 2, 3]))),
            nil, "10.0.0.1.1234 > 10.0.0.2.5678: UDP, length 4"))
        let mdns = IPv4Address(224, 0, 0, 251)
        frames.append((ether(.ipv4, NetworkLayer.ipv4(
            source: client, destination: mdns, protocol: .udp, ttl: 255,
            payload: TransportLayer.udp(.ipv4(client, mdns), sourcePort: 5353, destinationPort: 5353, payload: query)),
            to: MACAddress(0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb)), nil, "10.0.0.1.5353 > 224.0.0.251.5353"))
        // A packet cut short by a 96-byte snapshot length: caplen < wire length.
        let long = ether(.ipv4, NetworkLayer.ipv4(
            source: server, destination: client, protocol: .tcp, dontFragment: true,
            payload: TransportLayer.tcp(v4Back, sourcePort: 80, destinationPort: 40000, sequence: 5001,
                                        acknowledgement: 1028, flags: [.psh, .ack],
                                        payload: Array(repeating: 0x68, count: 400))),
            from: serverMAC, to: clientMAC)
        frames.append((Array(long.prefix(96)), long.count, "10.0.0.2.80 > 10.0.0.1.40000: Flags [P.]"))
        return capture("mixed.pcap", .ethernet, .microseconds, frames)
    }

    /// 802.1Q and 802.1ad (QinQ) tagged frames beside untagged ones.
    public static var vlan: SampleCapture {
        let v4 = PseudoHeader.ipv4(client, server)
        let udp = NetworkLayer.ipv4(source: client, destination: server, protocol: .udp,
                                    payload: TransportLayer.udp(v4, sourcePort: 4000, destinationPort: 5001, payload: [0, 0, 0, 0]))
        let tcp = NetworkLayer.ipv4(source: client, destination: server, protocol: .tcp,
                                    payload: TransportLayer.tcp(v4, sourcePort: 40000, destinationPort: 80, sequence: 1, flags: .syn))
        let icmp = NetworkLayer.ipv4(source: client, destination: server, protocol: .icmp,
                                     payload: TransportLayer.icmpEcho(isReply: false, identifier: 1, sequence: 1, payload: [9, 9]))
        let tcp6 = NetworkLayer.ipv6(source: client6, destination: server6, nextHeader: .tcp,
                                     payload: TransportLayer.tcp(.ipv6(client6, server6), sourcePort: 40002,
                                                                 destinationPort: 22, sequence: 5, flags: .syn))
        let arp = LinkLayer.arp(isReply: false, senderMAC: clientMAC, senderIP: client,
                                targetMAC: MACAddress(0, 0, 0, 0, 0, 0), targetIP: server)
        func frame(_ type: EtherType, _ tags: [(tpid: EtherType, tci: UInt16)], _ payload: [UInt8]) -> [UInt8] {
            LinkLayer.ethernet(destination: serverMAC, source: clientMAC, type: type, vlanTags: tags, payload: payload)
        }
        return capture("vlan.pcap", .ethernet, .microseconds, [
            (frame(.ipv4, [(.vlan, 100)], tcp), nil, "vlan 100, p 0, ethertype IPv4"),
            (frame(.ipv4, [(.vlan, 0x2000 | 200)], udp), nil, "vlan 200, p 1, ethertype IPv4"),
            (frame(.ipv4, [(.qinq, 10), (.vlan, 20)], icmp), nil, "vlan 10, p 0, ethertype 802.1Q"),
            (frame(.ipv6, [(.vlan, 300)], tcp6), nil, "vlan 300, p 0, ethertype IPv6"),
            (frame(.arp, [(.vlan, 100)], arp), nil, "vlan 100, p 0, ethertype ARP"),
            (frame(.ipv4, [], udp), nil, "ethertype IPv4 (0x0800)"),
            (frame(.ipv4, [(.vlan, 100), (.vlan, 200)], tcp), nil, "vlan 100, p 0, ethertype 802.1Q"),
        ])
    }

    /// Raw IP packets (LINKTYPE_RAW): no link-layer header at all.
    public static var rawIP: SampleCapture {
        let v4 = PseudoHeader.ipv4(client, server)
        return capture("raw-ip.pcap", .raw, .microseconds, [
            (NetworkLayer.ipv4(source: client, destination: server, protocol: .tcp,
                               payload: TransportLayer.tcp(v4, sourcePort: 40000, destinationPort: 80, sequence: 1, flags: .syn)),
             nil, "10.0.0.1.40000 > 10.0.0.2.80: Flags [S]"),
            (NetworkLayer.ipv6(source: client6, destination: server6, nextHeader: .udp,
                               payload: TransportLayer.udp(.ipv6(client6, server6), sourcePort: 9, destinationPort: 9, payload: [1])),
             nil, "2001:db8::1.9 > 2001:db8::2.9: UDP, length 1"),
            (NetworkLayer.ipv4(source: server, destination: client, protocol: .icmp,
                               payload: TransportLayer.icmpEcho(isReply: true, identifier: 2, sequence: 2, payload: [])),
             nil, "10.0.0.2 > 10.0.0.1: ICMP echo reply, id 2, seq 2"),
        ])
    }

    /// A short TCP exchange with nanosecond time stamps.
    public static var nanosecond: SampleCapture {
        let v4 = PseudoHeader.ipv4(client, server)
        let frames = (0..<4).map { index -> (bytes: [UInt8], wireLength: Int?, summary: String) in
            let segment = TransportLayer.tcp(v4, sourcePort: 40003, destinationPort: 8080, sequence: UInt32(index * 10),
                                             flags: .ack, payload: Array(repeating: UInt8(index), count: 10))
            let packet = NetworkLayer.ipv4(source: client, destination: server, protocol: .tcp, payload: segment)
            return (LinkLayer.ethernet(destination: serverMAC, source: clientMAC, type: .ipv4, payload: packet),
                    nil, "10.0.0.1.40003 > 10.0.0.2.8080")
        }
        return capture("nanosecond.pcap", .ethernet, .nanoseconds, frames)
    }

    /// Time stamps one packet apart by 1.000123457 s from 2026-01-02 03:04:05 UTC, so both
    /// precisions have digits to show.
    private static func capture(
        _ name: String, _ linkType: LinkType, _ precision: TimestampPrecision,
        _ frames: [(bytes: [UInt8], wireLength: Int?, summary: String)]
    ) -> SampleCapture {
        let start: Int64 = 1_767_323_045
        let packets = frames.enumerated().map { index, frame in
            let nanoseconds = Int64(index) * 1_000_123_457
            let fraction = UInt32(nanoseconds % 1_000_000_000)
            return CapturedPacket(
                timestamp: Timestamp(seconds: start + nanoseconds / 1_000_000_000,
                                     nanoseconds: precision == .microseconds ? fraction / 1000 * 1000 : fraction),
                originalLength: UInt32(frame.wireLength ?? frame.bytes.count), data: frame.bytes, linkType: linkType)
        }
        return SampleCapture(fileName: name, linkType: linkType, precision: precision,
                             packets: packets, expectedSummaries: frames.map(\.summary))
    }
}
