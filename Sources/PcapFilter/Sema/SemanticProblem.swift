/// What semantic analysis found wrong with a value and its qualifiers; descriptions are
/// libpcap 1.10.3's messages, word for word.
public enum SemanticProblem: Hashable, Sendable, CustomStringConvertible {
    /// A host name with no address (`forAddressFamily`: none of the qualifier's family).
    case unknownHost(String, forAddressFamily: Bool)
    /// `ether host NAME` with no `/etc/ethers` entry.
    case unknownEtherHost(String)
    /// `ether host NAME` on 802.11 with no `/etc/ethers` entry.
    case unknownWirelessHost(String)
    /// `ether host NAME` on a link type without MAC addresses.
    case linkLevelHostNameUnsupported
    /// `net NAME` with no `/etc/networks` entry.
    case unknownNetwork(String)
    /// `port NAME` with no TCP or UDP service of that name.
    case unknownPort(String)
    /// `portrange A-B` where a side is not a number or service.
    case unknownPortInRange(String)
    /// `udp port NAME` where the service is TCP only (or the other way round).
    case portIsOtherProtocol(String, protocolName: String, inRange: Bool)
    /// A negative port number from `portrange`'s `%d-%d` reading.
    case negativePort(Int64)
    /// A port number above 65535 from a port range's text.
    case portAboveMaximum(Int64)
    /// `proto NAME` under `ip`, `ip6` or no qualifier, not in `/etc/protocols`.
    case unknownIPProtocol(String)
    /// `ether proto NAME` not among libpcap's ethertype and LLC names.
    case unknownEtherProtocol(String)
    /// `iso proto NAME` other than esis, isis, clnp.
    case unknownOSIProtocol(String)
    /// `proto NAME` under a qualifier with no protocol names (`arp proto \tcp`).
    case unknownProtocol(String)
    /// A protocol qualifier that does not apply to an address (`tcp host 1.2.3.4`); `target`
    /// is what libpcap names (`host`, `net`, `ip host`, `ip6 net`, …).
    case modifierApplied(ProtocolQualifier, target: String)
    /// A host or net under a protocol whose addresses libpcap cannot filter (`atalk host 1.2.3.4`).
    case hostFilteringNotImplemented(ProtocolQualifier)
    /// `proto N` under a protocol that does not carry others (`arp proto 6`, `tcp proto 6`).
    case notEncapsulating(ProtocolQualifier)
    /// `protochain` under something other than `ip` or `ip6`.
    case badProtochainQualifier
    /// `proto[…]` for a protocol libpcap cannot index.
    case unsupportedIndexOperation
    /// `radio[…]` on a link type without radio headers.
    case radioInformationNotPresent
    /// `ether`/`link` alone.
    case linkLayerInWrongContext
    /// `radio` alone.
    case radioNotAProtocol
    /// `ip6 broadcast`, `tcp broadcast`, …
    case broadcastLayerUnsupported
    /// An 802.11 address qualifier (`addr1`, `ra`, …) on something that is not a MAC address.
    case wlanQualifierMisused(DirectionQualifier, on: String)
    /// An 802.11 address qualifier on a MAC address of a non-802.11 link type.
    case wlanQualifierNeeds80211(DirectionQualifier)
    /// A primitive only a link type we do not compile for has (`'vpi' supported only on raw ATM`).
    case supportedOnlyOn(subject: String, place: String)
    /// `dir D` on a link type without 802.11 headers.
    case frameDirectionUnsupported
    /// A DECnet host name: libpcap is built without DECnet name support.
    case decnetNameUnsupported(String)

    /// libpcap's message.
    public var description: String {
        switch self {
        case let .unknownHost(name, family):
            "unknown host '\(name)'" + (family ? " for specified address family" : "")
        case .unknownEtherHost(let name): "unknown ether host '\(name)'"
        case .unknownWirelessHost(let name): "unknown 802.11 host '\(name)'"
        case .linkLevelHostNameUnsupported:
            "only ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel supports link-level host name"
        case .unknownNetwork(let name): "unknown network '\(name)'"
        case .unknownPort(let name): "unknown port '\(name)'"
        case .unknownPortInRange(let name): "unknown port in range '\(name)'"
        case let .portIsOtherProtocol(name, proto, inRange):
            inRange ? "port in range '\(name)' is \(proto)" : "port '\(name)' is \(proto)"
        case .negativePort(let port): "illegal port number \(port) < 0"
        case .portAboveMaximum(let port): "illegal port number \(port) > 65535"
        case .unknownIPProtocol(let name): "unknown ip proto '\(name)'"
        case .unknownEtherProtocol(let name): "unknown ether proto '\(name)'"
        case .unknownOSIProtocol(let name): "unknown osi proto '\(name)'"
        case .unknownProtocol(let name): "unknown protocol: \(name)"
        case let .modifierApplied(proto, target):
            switch proto {
            case .link: "link-layer modifier applied to \(target)"
            case .atalk: "AppleTalk modifier applied to \(target)"
            default: "'\(proto.rawValue)' modifier applied to \(target)"
            }
        case .hostFilteringNotImplemented(let proto): "\(Self.upperName(proto)) host filtering not implemented"
        case .notEncapsulating(let proto):
            switch proto {
            case .arp, .rarp: "\(proto.rawValue) does not encapsulate another protocol"
            case .atalk: "AppleTalk encapsulation is not specifiable"
            case .decnet: "DECNET encapsulation is not specifiable"
            case .lat, .sca, .moprc, .mopdl: "\(Self.upperName(proto)) does not encapsulate another protocol"
            case .clnp: "'clnp proto' is not supported"
            default: "'\(proto.rawValue) proto' is bogus"
            }
        case .badProtochainQualifier: "bad protocol applied for 'protochain'"
        case .unsupportedIndexOperation: "unsupported index operation"
        case .radioInformationNotPresent: "radio information not present in capture"
        case .linkLayerInWrongContext: "link layer applied in wrong context"
        case .radioNotAProtocol: "'radio' is not a valid protocol type"
        case .broadcastLayerUnsupported: "only link-layer/IP broadcast filters supported"
        case let .wlanQualifierMisused(direction, what):
            "\(Self.wlanName(direction)) not \(Self.wlanPlural(direction)) for \(what)"
        case .wlanQualifierNeeds80211(let direction):
            "\(Self.wlanName(direction)) only supported on 802.11 with 802.11 headers"
        case let .supportedOnlyOn(subject, place): "\(subject) supported only on \(place)"
        case .frameDirectionUnsupported: "frame direction supported only with 802.11 headers"
        // libpcap's message ends in a newline of its own, so tcpdump prints a blank line after it.
        case .decnetNameUnsupported(let name): "decnet name support not included, '\(name)' cannot be translated\n"
        }
    }

    private static func upperName(_ proto: ProtocolQualifier) -> String {
        switch proto {
        case .aarp: "AARP"
        case .lat: "LAT"
        case .sca: "SCA"
        case .moprc: "MOPRC"
        case .mopdl: "MOPDL"
        case .iso: "ISO"
        case .ipx: "IPX"
        case .atalk: "AppleTalk"
        default: proto.rawValue
        }
    }

    /// `'addr1' and 'address1' are` / `'ra' is`.
    private static func wlanName(_ direction: DirectionQualifier) -> String {
        switch direction {
        case .address1, .address2, .address3, .address4:
            let n = direction.rawValue.dropFirst(4)
            return "'addr\(n)' and 'address\(n)' are"
        default:
            return "'\(direction.rawValue)' is"
        }
    }

    private static func wlanPlural(_ direction: DirectionQualifier) -> String {
        switch direction {
        case .address1, .address2, .address3, .address4: "valid qualifiers"
        default: "a valid qualifier"
        }
    }
}
