import BPF

/// The 802.11 address fields a `wlan addr1|addr2|addr3|addr4|ra|ta` primitive names.
public enum WirelessAddressField: Hashable, Sendable {
    /// `addr1`: the first address, whatever the frame.
    case address1
    /// `addr2`: the second address, absent from CTS and ACK control frames.
    case address2
    /// `addr3`: the third address, absent from control frames.
    case address3
    /// `addr4`: the fourth address, present when both DS bits are set.
    case address4
    /// `ra`: the receiver address (addr1), absent from management frames.
    case receiver
    /// `ta`: the transmitter address (addr2), in frames whose type has its high bit set.
    case transmitter
}

/// The scratch cells holding the run-time parts of the 802.11 offsets, which the program's
/// prologue computes: libpcap's `off_linkhdr.reg` (the radiotap length) and `off_linkpl.reg`
/// (where the LLC header starts after a 24-byte or QoS header, padded when radiotap says so).
///
/// They are the lowest cells, taken before anything else and never returned, so no temporary
/// of an arithmetic expression can overwrite them (libpcap takes them on first use and can
/// hand them out as temporaries first: `len + 1 = 2 or ip` on radiotap reads a clobbered cell).
struct WirelessOffsetCells: Hashable, Sendable {
    /// The radiotap header's length; nil on plain 802.11, whose header starts at 0.
    let radiotapLength: ScratchCell?
    /// The offset of the 802.11 payload.
    let payload: ScratchCell

    /// The cells for `link`, or nil when it has no 802.11 header.
    init?(_ link: LinkLayer) {
        switch link {
        case .ieee80211: (radiotapLength, payload) = (nil, ScratchCell(index: 0))
        case .ieee80211Radiotap: (radiotapLength, payload) = (ScratchCell(index: 0), ScratchCell(index: 1))
        default: return nil
        }
    }

    /// Every cell, in the order they are taken.
    var all: [ScratchCell] { (radiotapLength.map { [$0] } ?? []) + [payload] }
}

/// 802.11 primitives: frame type and direction, the address fields, and the program prologue
/// that computes where the payload starts (libpcap's `gen_p80211_*`, `gen_wlanhostop`,
/// `gen_load_radiotap_llprefixlen` and `gen_load_802_11_header_len`).
enum Wireless {
    /// Frame-control bits of the first byte: the type field's two bits, and the QoS subtype bit.
    static let typeHighBit: UInt32 = 0x08
    static let typeLowBit: UInt32 = 0x04
    static let qosBit: UInt32 = 0x80
    /// Frame-control bits of the second byte: to DS, from DS.
    static let toDS: UInt32 = 0x01
    static let fromDS: UInt32 = 0x02

    /// Statements and branches run before the filter, leaving the radiotap length and the
    /// payload offset in `cells`; nil when the filter uses neither.
    ///
    /// The payload starts 24 bytes into a data frame's header, 26 with QoS; libpcap does not
    /// add the fourth address of a frame with both DS bits set. With radiotap, a flags field
    /// whose data-pad bit is set rounds that up to a multiple of 4 — looked for only when the
    /// presence bitmap is a single word, right after the TSFT field or at its place.
    static func prologue(_ cells: WirelessOffsetCells, usesHeader: Bool, usesPayload: Bool) -> TestGraph? {
        var start: [Instruction] = []
        if let length = cells.radiotapLength, usesHeader || usesPayload {
            // A little-endian 16-bit length at offset 2.
            start = [.loadAbsolute(.byte, offset: 3), .alu(.leftShift, .constant(8)), .tax,
                     .loadAbsolute(.byte, offset: 2), .alu(.or, .x), .store(cell: length.index), .tax]
        }
        guard usesPayload else {
            return start.isEmpty ? nil : TestGraph(nodes: [TestGraph.Node(start, .jump(.exit(true)))], entry: .node(0))
        }
        if cells.radiotapLength == nil { start = [.loadXConstant(0)] }
        let payload = cells.payload.index
        start += [.txa, .alu(.add, .constant(24)), .store(cell: payload), .loadIndirect(.byte, offset: 0)]
        let done = TestGraph.Target.exit(true)
        let radiotap = cells.radiotapLength != nil
        let afterQoS: TestGraph.Target = radiotap ? .node(4) : done
        func bits(_ k: UInt32, _ ifTrue: TestGraph.Target, _ ifFalse: TestGraph.Target) -> TestGraph.Continuation {
            .branch(.bitsSet, .constant(k), ifTrue: ifTrue, ifFalse: ifFalse)
        }
        var nodes: [TestGraph.Node] = [
            TestGraph.Node(start, bits(typeHighBit, .node(1), done)),
            TestGraph.Node([], bits(typeLowBit, done, .node(2))),
            TestGraph.Node([], bits(qosBit, .node(3), afterQoS)),
            TestGraph.Node([.loadScratch(cell: payload), .alu(.add, .constant(2)), .store(cell: payload)], .jump(afterQoS)),
        ]
        if radiotap {
            // Radiotap fields are little-endian: the bits are tested byte-swapped.
            let flagsPresent: UInt32 = 0x0000_0002
            let extendedBitmap: UInt32 = 0x8000_0000
            let tsftPresent: UInt32 = 0x0000_0001
            let dataPad: UInt32 = 0x20
            nodes += [
                TestGraph.Node([.loadAbsolute(.word, offset: 4)], bits(flagsPresent.byteSwapped, .node(5), done)),
                TestGraph.Node([], bits(extendedBitmap.byteSwapped, done, .node(6))),
                TestGraph.Node([], bits(tsftPresent.byteSwapped, .node(7), .node(8))),
                TestGraph.Node([.loadAbsolute(.byte, offset: 16)], bits(dataPad, .node(9), done)),
                TestGraph.Node([.loadAbsolute(.byte, offset: 8)], bits(dataPad, .node(9), done)),
                TestGraph.Node([.loadScratch(cell: payload), .alu(.add, .constant(3)), .alu(.and, .constant(0xffff_fffc)),
                                .store(cell: payload)], .jump(done)),
            ]
        }
        return TestGraph(nodes: nodes, entry: .node(0))
    }

    /// `type T [subtype S]`, `subtype S`: the first frame-control byte under `mask`.
    static func frameType(_ value: UInt32, mask: UInt32, _ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        guard e.linkLayer.isWireless else {
            throw .semantic(.supportedOnlyOn(subject: "802.11 link-layer types", place: "802.11"), at: nil)
        }
        return e.linkHeader.compare(.byte, at: 0, value, mask: mask)
    }

    /// `dir D`: the DS bits of the second frame-control byte.
    static func direction(_ value: UInt32, _ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        guard e.linkLayer.isWireless else { throw .semantic(.frameDirectionUnsupported, at: nil) }
        return e.linkHeader.compare(.byte, at: 1, value, mask: 0x03)
    }

    /// `ether|wlan [src|dst|…] host MAC` on 802.11: the source and destination addresses
    /// move between the address fields with the frame's type and DS bits.
    static func host(_ mac: [UInt8], _ direction: AddressDirection, _ e: Encapsulation) -> Predicate {
        let frame = Frame(e.linkHeader)
        switch direction {
        case .source: return frame.source(mac)
        case .destination: return frame.destination(mac)
        case .sourceOrDestination: return .or(frame.source(mac), frame.destination(mac))
        case .sourceAndDestination: return .and(frame.source(mac), frame.destination(mac))
        }
    }

    /// `wlan addr1|…|ta MAC`.
    static func address(_ mac: [UInt8], _ field: WirelessAddressField, _ e: Encapsulation)
        throws(CodeGenerationError) -> Predicate
    {
        guard e.linkLayer.isWireless else { throw .etherAddressUnsupported }
        let frame = Frame(e.linkHeader)
        let header = e.linkHeader
        switch field {
        case .address1: return header.compareBytes(at: 4, mac)
        case .address2: return .and(frame.hasAddress2, header.compareBytes(at: 10, mac))
        case .address3: return .and(.not(frame.isControl), header.compareBytes(at: 16, mac))
        case .address4: return .and(header.compare(.byte, at: 1, 0x03, mask: 0x03), header.compareBytes(at: 24, mac))
        case .receiver: return .and(frame.firstByte(typeHighBit), header.compareBytes(at: 4, mac))
        case .transmitter:
            return .and(.and(frame.firstByte(typeHighBit), frame.hasAddress2), header.compareBytes(at: 10, mac))
        }
    }

    /// `ether broadcast` on 802.11: the destination address is all ones.
    static func broadcast(_ e: Encapsulation) -> Predicate {
        Frame(e.linkHeader).destination(Array(repeating: 0xff, count: 6))
    }

    /// `ether multicast` on 802.11: the destination address has its group bit set.
    static func multicast(_ e: Encapsulation) -> Predicate {
        let header = e.linkHeader
        return Frame(header).destination { header.compare(.byte, at: $0, .bitsSet, 1) }
    }

    /// Tests of an 802.11 header's frame-control bytes, in libpcap's order.
    private struct Frame {
        let header: LayerOffset

        init(_ header: LayerOffset) { self.header = header }

        func firstByte(_ bit: UInt32) -> Predicate { header.compare(.byte, at: 0, .bitsSet, bit) }
        func secondByte(_ bit: UInt32) -> Predicate { header.compare(.byte, at: 1, .bitsSet, bit) }

        /// The type field says control frame.
        var isControl: Predicate { header.compare(.byte, at: 0, 0x04, mask: 0x0c) }

        /// Not a CTS or ACK control frame, the two without a second address.
        var hasAddress2: Predicate {
            let cts = header.compare(.byte, at: 0, 0xc0, mask: 0xf0)
            let ack = header.compare(.byte, at: 0, 0xd0, mask: 0xf0)
            return .or(.not(isControl), .and(.not(cts), .not(ack)))
        }

        /// The source address: addr2 unless a data frame comes from the DS (addr3), or
        /// crosses it (addr4); never in control frames.
        func source(_ mac: [UInt8]) -> Predicate {
            let at = { header.compareBytes(at: $0, mac) }
            let fromDistribution = Predicate.or(.and(.not(secondByte(toDS)), at(16)), .and(secondByte(toDS), at(24)))
            let data = Predicate.or(.and(.not(secondByte(fromDS)), at(10)), .and(secondByte(fromDS), fromDistribution))
            return .and(.not(firstByte(typeLowBit)),
                        .or(.and(.not(firstByte(typeHighBit)), at(10)), .and(firstByte(typeHighBit), data)))
        }

        /// The destination address: addr1 unless a data frame goes to the DS (addr3); never
        /// in control frames.
        func destination(_ mac: [UInt8]) -> Predicate {
            destination { header.compareBytes(at: $0, mac) }
        }

        /// `test` applied to the destination address's offset.
        func destination(_ test: (UInt32) -> Predicate) -> Predicate {
            let data = Predicate.or(.and(.not(secondByte(toDS)), test(4)), .and(secondByte(toDS), test(16)))
            return .and(.not(firstByte(typeLowBit)),
                        .or(.and(.not(firstByte(typeHighBit)), test(4)), .and(firstByte(typeHighBit), data)))
        }
    }
}

extension Encapsulation {
    /// An 802.11 data frame: type bits `10` (libpcap's `gen_check_802_11_data_frame`).
    var isWirelessDataFrame: Predicate {
        .and(.not(linkHeader.compare(.byte, at: 0, .bitsSet, Wireless.typeLowBit)),
             linkHeader.compare(.byte, at: 0, .bitsSet, Wireless.typeHighBit))
    }

    /// The network protocol of an 802.11 data frame, from its LLC header: SAPs for the LLC
    /// protocols, else the type of a SNAP header (libpcap's `gen_llc_linktype`, which reads
    /// the SNAP type without checking for SNAP).
    func wirelessProtocol(_ etherType: UInt16) -> Predicate {
        let type = UInt32(etherType)
        let llc: Predicate
        switch etherType {
        case LLCSAP.ip, LLCSAP.iso, LLCSAP.netbeui: llc = linkPayload.compare(.half, at: 0, type << 8 | type)
        case LLCSAP.ipx: llc = linkPayload.compare(.byte, at: 0, type)
        case EtherType.appleTalk: llc = snapHeader(organization: 0x080007, type: etherType)
        default: llc = type <= EtherType.maximumLength ? linkPayload.compare(.byte, at: 0, type) : typeField(.half, type)
        }
        return .and(isWirelessDataFrame, llc)
    }
}

extension Predicate {
    /// Whether any instruction of the predicate reads or writes scratch cell `cell`.
    func uses(_ cell: ScratchCell) -> Bool {
        switch self {
        case .constant: return false
        case .test(let test): return Self.uses(cell, test.statements)
        case let .and(left, right), let .or(left, right): return left.uses(cell) || right.uses(cell)
        case .not(let inner): return inner.uses(cell)
        case .graph(let graph): return graph.nodes.contains { Self.uses(cell, $0.statements) }
        }
    }

    private static func uses(_ cell: ScratchCell, _ statements: [Instruction]) -> Bool {
        statements.contains { instruction in
            switch instruction {
            case .loadScratch(let k), .loadXScratch(let k), .store(let k), .storeX(let k): k == cell.index
            default: false
            }
        }
    }
}
