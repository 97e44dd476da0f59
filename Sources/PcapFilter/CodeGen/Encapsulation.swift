import BPF

/// A position in the packet: a constant, optionally plus a run-time value kept in a scratch
/// cell (libpcap's "variable part", used where a header's length is only known per packet).
public struct LayerOffset: Hashable, Sendable {
    /// The constant part, in bytes.
    public var constant: UInt32
    /// The cell holding the variable part, if any.
    public var variable: ScratchCell?

    /// A constant offset.
    public init(_ constant: UInt32, variable: ScratchCell? = nil) {
        self.constant = constant
        self.variable = variable
    }

    /// The same position moved `bytes` further.
    func advanced(by bytes: UInt32) -> LayerOffset {
        LayerOffset(constant &+ bytes, variable: variable)
    }
}

/// How the current network-layer protocol is identified, which changes as tags are peeled.
public enum ProtocolField: Hashable, Sendable {
    /// The link layer's own type field (or version nibble, or nothing) — the starting state.
    case linkLayer
    /// Inside a PPPoE session: a PPP protocol number at the type field.
    case pppoeSession
}

/// The encapsulation context: where each layer starts for the primitive being generated.
///
/// Code generation threads this value left to right in reading order: `vlan`, `mpls`,
/// `pppoes` (and later `geneve`) return a changed copy that every later primitive receives,
/// across `or` and `not` too — libpcap's documented behaviour, made visible in the types
/// instead of being global state.
public struct Encapsulation: Hashable, Sendable {
    /// The target the program is for.
    public let target: CompilationTarget
    /// Where the link-layer header starts (libpcap's `off_linkhdr`).
    public var linkHeader: LayerOffset
    /// Where the link layer's protocol-type field is, if it has one (`off_linktype`).
    public var linkTypeField: LayerOffset?
    /// Where the link layer's payload starts (`off_linkpl`).
    public var linkPayload: LayerOffset
    /// From the payload to the network header: 0, or the LLC length for 802.3 (`off_nl`).
    public var networkHeaderDelta: UInt32
    /// From the payload to an OSI network header, after an LLC header without SNAP: 3 where
    /// the payload may be 802.2 LLC, else 0 (`off_nl_nosnap`).
    public var osiHeaderDelta: UInt32
    /// How the network protocol is identified now.
    public var protocolField: ProtocolField
    /// How many VLAN tags have been stepped over.
    public var vlanDepth: Int
    /// How many MPLS labels have been stepped over (libpcap's `label_stack_depth`); when
    /// positive, the network protocol is read from the IP version nibble after the stack.
    public var mplsDepth: Int
    /// The link layer whose header the offsets describe: the target's, or Ethernet inside a
    /// Geneve tunnel.
    public var linkLayer: LinkLayer
    /// Inside a Geneve tunnel the inner link header, link payload and link type are in the
    /// given cells; MAC-address tests first check that there is an inner Ethernet header.
    var geneve: GeneveCells?

    /// The context at the start of an expression for `target`.
    ///
    /// On 802.11 the link header (after radiotap) and the payload start at run-time offsets,
    /// kept in the cells of ``WirelessOffsetCells``; the payload is an LLC header, and with
    /// SNAP the network header comes 8 bytes later, the SNAP type 6 bytes later.
    public init(target: CompilationTarget) {
        self.target = target
        if let cells = WirelessOffsetCells(target.linkLayer) {
            linkHeader = LayerOffset(0, variable: cells.radiotapLength)
            linkPayload = LayerOffset(0, variable: cells.payload)
            linkTypeField = linkPayload.advanced(by: 6)
            networkHeaderDelta = 8
            osiHeaderDelta = 3
        } else {
            let header = LinkHeaderShape(target.linkLayer)
            linkHeader = LayerOffset(0)
            linkTypeField = header.typeField.map { LayerOffset($0) }
            linkPayload = LayerOffset(header.payload)
            networkHeaderDelta = 0
            osiHeaderDelta = target.linkLayer == .ethernet ? 3 : 0
        }
        protocolField = .linkLayer
        vlanDepth = 0
        mplsDepth = 0
        linkLayer = target.linkLayer
        geneve = nil
    }

    /// Inside Geneve, whether the payload is an Ethernet frame: its link header and payload
    /// offsets differ (libpcap's `gen_geneve_ll_check`); nil outside Geneve.
    var innerEthernetCheck: Predicate? {
        guard let geneve else { return nil }
        return .not(.test(Test([.loadScratch(cell: geneve.header.index), .loadXScratch(cell: geneve.payload.index)],
                               .equal, .x)))
    }

    /// `test`, preceded by ``innerEthernetCheck`` inside Geneve.
    func afterInnerEthernetCheck(_ test: Predicate) -> Predicate {
        innerEthernetCheck.map { .and($0, test) } ?? test
    }

    /// Where the network-layer header starts.
    var networkHeader: LayerOffset { linkPayload.advanced(by: networkHeaderDelta) }

    /// Where an OSI network header starts (its first byte is the protocol identifier).
    var osiHeader: LayerOffset { linkPayload.advanced(by: osiHeaderDelta) }

    /// The innermost MPLS label stack entry stepped over, 4 bytes before the network header.
    var previousMPLSEntry: LayerOffset { linkPayload.advanced(by: networkHeaderDelta &- 4) }
}

/// The cells of the inner link header and payload offsets inside Geneve.
struct GeneveCells: Hashable, Sendable {
    let header: ScratchCell
    let payload: ScratchCell
}

/// The fixed shape of a link-layer header: where its type field and payload are.
struct LinkHeaderShape {
    let typeField: UInt32?
    let payload: UInt32

    init(_ link: LinkLayer) {
        switch link {
        case .ethernet: (typeField, payload) = (12, 14)
        case .null, .loop: (typeField, payload) = (0, 4)
        case .ppp: (typeField, payload) = (2, 4)
        case .raw, .ipv4, .ipv6: (typeField, payload) = (nil, 0)
        case .ieee80211, .ieee80211Radiotap: (typeField, payload) = (nil, 0)  // at run-time offsets
        case .linuxCooked: (typeField, payload) = (14, 16)
        case .linuxCooked2: (typeField, payload) = (0, 20)
        }
    }
}
