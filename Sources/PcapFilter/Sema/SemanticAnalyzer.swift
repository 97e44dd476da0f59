/// Turns parsed primitives into ``SemanticFilter`` trees: libpcap's grammar actions together
/// with `gen_scode`, `gen_ncode`, `gen_mcode`, `gen_mcode6`, `gen_ecode`, `gen_proto` and
/// `gen_proto_abbrev`, which decide what a (qualifiers, value) pair means, which combinations
/// are errors (with libpcap's messages) and how names become numbers.
///
/// The target matters only where libpcap looks at the link type before code generation
/// (link-level host names); everything else about the link type is code generation's.
public struct SemanticAnalyzer: Sendable {
    /// What the filter is compiled for.
    public let target: CompilationTarget
    /// Where names are looked up.
    public let resolver: any NameResolver

    /// Creates an analyzer.
    public init(target: CompilationTarget, resolver: any NameResolver) {
        self.target = target
        self.resolver = resolver
    }

    /// The whole filter, or `nil` for the empty filter (which accepts every packet).
    ///
    /// All semantic errors come before any code-generation error here; ``FilterCompiler``
    /// interleaves the two per primitive, in reading order, as libpcap does.
    public func analyze(_ syntax: FilterSyntax) throws(FilterError) -> SemanticFilter? {
        guard let expression = syntax.expression else { return nil }
        return try analyze(expression)
    }

    /// One expression node and everything under it.
    public func analyze(_ expression: Expression) throws(FilterError) -> SemanticFilter {
        switch expression.kind {
        case let .and(left, right): return .and(try analyze(left), try analyze(right))
        case let .or(left, right): return .or(try analyze(left), try analyze(right))
        case .not(let inner): return .not(try analyze(inner))
        case .primitive(let primitive): return try analyze(primitive, range: expression.range)
        }
    }

    /// One primitive; `range` is where it was written, for error messages.
    public func analyze(_ primitive: Primitive, range: SourceRange) throws(FilterError) -> SemanticFilter {
        do throws(Failure) {
            switch primitive {
            case .qualified(let value): return try qualified(value)
            case .protocolAbbreviation(let proto): return try abbreviation(proto)
            case .relation(let relation):
                return .primitive(.relation(try arithmetic(relation.lhs), relation.op, try arithmetic(relation.rhs)))
            case .other(let other): return try self.other(other)
            }
        } catch {
            switch error {
            case .semanticProblem(let problem): throw .semantic(problem, at: range)
            case .filter(let error): throw error
            }
        }
    }

    /// Errors inside the analyzer: a problem still to be given its place, or a finished error.
    enum Failure: Error {
        case semanticProblem(SemanticProblem)
        case filter(FilterError)
    }
}

extension SemanticAnalyzer {
    /// A protocol name alone: `gen_proto_abbrev`.
    func abbreviation(_ proto: ProtocolQualifier) throws(Failure) -> SemanticFilter {
        let keyword: ProtocolKeyword
        switch proto {
        case .link: throw .semanticProblem(.linkLayerInWrongContext)
        case .radio: throw .semanticProblem(.radioNotAProtocol)
        case .ip: keyword = .ip
        case .ip6: keyword = .ip6
        case .arp: keyword = .arp
        case .rarp: keyword = .rarp
        case .tcp: keyword = .tcp
        case .udp: keyword = .udp
        case .sctp: keyword = .sctp
        case .icmp: keyword = .icmp
        case .icmp6: keyword = .icmp6
        case .igmp: keyword = .igmp
        case .igrp: keyword = .igrp
        case .pim: keyword = .pim
        case .vrrp: keyword = .vrrp
        case .carp: keyword = .carp
        case .ah: keyword = .ah
        case .esp: keyword = .esp
        case .atalk: keyword = .atalk
        case .aarp: keyword = .aarp
        case .decnet: keyword = .decnet
        case .lat: keyword = .lat
        case .sca: keyword = .sca
        case .moprc: keyword = .moprc
        case .mopdl: keyword = .mopdl
        case .ipx: keyword = .ipx
        case .netbeui: keyword = .netbeui
        case .iso: keyword = .iso
        case .stp: keyword = .stp
        case .clnp: return .primitive(.osiProtocol(OSIProtocol.clnp))
        case .esis: return .primitive(.osiProtocol(OSIProtocol.esis))
        case .isis: return .primitive(.osiProtocol(OSIProtocol.isis))
        case .isisL1, .isisL2, .isisIIH, .isisLSP, .isisSNP, .isisCSNP, .isisPSNP:
            let types = OSIProtocol.isisPDUTypes(proto) ?? []
            let tests = types.map { SemanticFilter.primitive(.isisPDU($0)) }
            return tests.dropLast().reversed().reduce(tests.last ?? Self.never) { .or($1, $0) }
        }
        return .primitive(.protocolKeyword(keyword))
    }

    /// An arithmetic expression: libpcap's `gen_load`, `gen_arth`, `gen_neg`, `gen_loadlen`.
    func arithmetic(_ value: Arithmetic) throws(Failure) -> ArithmeticExpression {
        switch value.kind {
        case .number(let k): return .constant(k)
        case .length: return .length
        case let .binary(op, left, right): return .binary(op, try arithmetic(left), try arithmetic(right))
        case .negate(let inner): return .negate(try arithmetic(inner))
        case let .load(proto, offset, size):
            let layer: LoadLayer
            switch proto {
            case .link: layer = .link
            case .radio: layer = .radio
            case .ip: layer = .network(.ip)
            case .ip6: layer = .network(.ip6)
            case .arp: layer = .network(.arp)
            case .rarp: layer = .network(.rarp)
            case .atalk: layer = .network(.atalk)
            case .decnet: layer = .network(.decnet)
            case .sca: layer = .network(.sca)
            case .lat: layer = .network(.lat)
            case .moprc: layer = .network(.moprc)
            case .mopdl: layer = .network(.mopdl)
            case .sctp: layer = .transport(.sctp)
            case .tcp: layer = .transport(.tcp)
            case .udp: layer = .transport(.udp)
            case .icmp: layer = .transport(.icmp)
            case .igmp: layer = .transport(.igmp)
            case .igrp: layer = .transport(.igrp)
            case .pim: layer = .transport(.pim)
            case .vrrp: layer = .transport(.vrrp)
            case .carp: layer = .transport(.carp)
            case .icmp6: layer = .icmp6
            default: throw .semanticProblem(.unsupportedIndexOperation)
            }
            return .load(layer, index: try arithmetic(offset), size: size)
        }
    }

    /// The primitives that are neither `head value` nor relations.
    func other(_ primitive: OtherPrimitive) throws(Failure) -> SemanticFilter {
        switch primitive {
        case .broadcast(let proto):
            switch proto {
            case nil, .link?: return .primitive(.broadcast(.link))
            case .ip?: return .primitive(.broadcast(.ip))
            default: throw .semanticProblem(.broadcastLayerUnsupported)
            }
        case .multicast(let proto):
            switch proto {
            case nil, .link?: return .primitive(.multicast(.link))
            case .ip?: return .primitive(.multicast(.ip))
            case .ip6?: return .primitive(.multicast(.ip6))
            default: throw .filter(.linkMulticastUnsupported)
            }
        case .less(let n): return .primitive(.relation(.length, .lessOrEqual, .constant(n)))
        case .greater(let n): return .primitive(.relation(.length, .greaterOrEqual, .constant(n)))
        case .inbound: return .primitive(.direction(.inbound))
        case .outbound: return .primitive(.direction(.outbound))
        case .ifindex(let index): return .primitive(.interfaceIndex(index))
        case .vlan(let id): return .primitive(.vlan(id))
        case .pppoed: return .primitive(.pppoeDiscovery)
        case .pppoes(let id): return .primitive(.pppoeSession(id))
        case let .byte(offset, op, value):
            switch op {
            case .equal: return .primitive(.linkByte(offset: offset, .equal, value))
            case .less: return .primitive(.linkByte(offset: offset, .less, value))
            case .greater: return .primitive(.linkByte(offset: offset, .greater, value))
            case .and, .or:
                // libpcap 1.10.3's gen_byteop forgets the load for these two and tests whatever
                // A holds; we test the byte, as `link[OFFSET] & VALUE != 0` does.
                let byte = ArithmeticExpression.load(.link, index: .constant(offset), size: .byte)
                let combined = ArithmeticExpression.binary(op == .and ? .and : .or, byte, .constant(value))
                return .primitive(.relation(combined, .notEqual, .constant(0)))
            }
        case .mpls(let label): return .primitive(.mpls(label))
        case .geneve(let vni): return .primitive(.geneve(vni))
        case .llc(let kind): return .primitive(.llc(Self.llcFrame(kind)))
        case let .ieee80211Type(_, _, value, mask):
            // Whether the link type has 802.11 headers is code generation's to say.
            return .primitive(.wirelessFrameType(value: value, mask: mask))
        case .ieee80211Direction(let direction):
            return .primitive(.wirelessDirection(direction.value))
        case .pf(let pf):
            throw .semanticProblem(.supportedOnlyOn(subject: Self.pfSubject(pf), place: "PF linktype"))
        case .atm(let keyword):
            let shown = keyword == .oamf4ec ? "oam4ec" : keyword == .oamf4sc ? "oam4sc" : keyword.rawValue
            throw .semanticProblem(.supportedOnlyOn(subject: "'\(shown)'", place: "raw ATM"))
        case .atmField(let vci, _):
            throw .semanticProblem(.supportedOnlyOn(subject: vci ? "'vci'" : "'vpi'", place: "raw ATM"))
        case .mtp2(let type):
            let high = [.hfisu, .hlssu, .hmsu].contains(type)
            throw .semanticProblem(.supportedOnlyOn(subject: "'\(type.rawValue)'", place: high ? "MTP2_HSL" : "MTP2"))
        case .mtp3(let field, _):
            let name = field.rawValue.hasPrefix("h") ? String(field.rawValue.dropFirst()) : field.rawValue
            throw .semanticProblem(.supportedOnlyOn(subject: "'\(name)'", place: "SS7"))
        }
    }

    /// The frame kind of `llc [what]`; the parser has checked the names, so their control
    /// codes fit in a byte.
    static func llcFrame(_ filter: LLCFilter?) -> LLCFrame {
        switch filter {
        case nil: .any
        case .information?: .information
        case .supervisory?: .supervisory
        case .unnumbered?: .unnumbered
        case .supervisorySubtype(let code)?: .supervisoryFunction(UInt8(truncatingIfNeeded: code.value))
        case .unnumberedSubtype(let code)?: .unnumberedFunction(UInt8(truncatingIfNeeded: code.value))
        }
    }

    private static func pfSubject(_ pf: PFPrimitive) -> String {
        switch pf {
        case .interfaceName: "ifname"
        case .ruleset: "ruleset"
        case .ruleNumber: "rnr"
        case .subruleNumber: "srnr"
        case .reason: "reason"
        case .action: "action"
        }
    }
}
