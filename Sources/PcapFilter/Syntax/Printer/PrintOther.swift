extension CanonicalPrinter {
    static func text(_ other: OtherPrimitive) -> String {
        switch other {
        case .broadcast(let proto): return prefixed(proto, "broadcast")
        case .multicast(let proto): return prefixed(proto, "multicast")
        case .less(let value): return "less \(value)"
        case .greater(let value): return "greater \(value)"
        case .byte(let offset, let op, let value): return "byte \(offset) \(op.rawValue) \(value)"
        case .inbound: return "inbound"
        case .outbound: return "outbound"
        case .ifindex(let value): return "ifindex \(value)"
        case .vlan(let value): return optional("vlan", value)
        case .mpls(let value): return optional("mpls", value)
        case .pppoed: return "pppoed"
        case .pppoes(let value): return optional("pppoes", value)
        case .geneve(let value): return optional("geneve", value)
        case .llc(let filter): return "llc" + (filter.map { " " + text($0) } ?? "")
        case .ieee80211Type(let type, let subtype, let value, _):
            if let type {
                return "type " + text(type) + (subtype.map { " subtype " + text($0) } ?? "")
            }
            return "subtype " + (subtype?.name ?? String(value))
        case .ieee80211Direction(let direction): return "dir " + text(direction)
        case .pf(let pf): return text(pf)
        case .atm(let keyword): return keyword.rawValue
        case .atmField(let vci, let test): return (vci ? "vci " : "vpi ") + text(test)
        case .mtp2(let type): return type.rawValue
        case .mtp3(let field, let test): return field.rawValue + " " + text(test)
        }
    }

    private static func prefixed(_ proto: ProtocolQualifier?, _ keyword: String) -> String {
        (proto.map { $0.keyword + " " } ?? "") + keyword
    }

    private static func optional(_ keyword: String, _ value: UInt32?) -> String {
        keyword + (value.map { " \($0)" } ?? "")
    }

    private static func text(_ named: NamedNumber) -> String {
        named.name ?? String(named.value)
    }

    private static func text(_ filter: LLCFilter) -> String {
        switch filter {
        case .information: "i"
        case .supervisory: "s"
        case .unnumbered: "u"
        case .supervisorySubtype(let named), .unnumberedSubtype(let named): named.name ?? String(named.value)
        }
    }

    private static func text(_ pf: PFPrimitive) -> String {
        switch pf {
        case .interfaceName(let name): "on " + name
        case .ruleset(let name): "rset " + name
        case .ruleNumber(let value): "rnr \(value)"
        case .subruleNumber(let value): "srnr \(value)"
        case .reason(let named): "reason " + text(named)
        case .action(let named): "action " + text(named)
        }
    }

    private static func text(_ test: FieldTest) -> String {
        switch test {
        case .equalsAny(let values) where values.count == 1: String(values[0])
        case .equalsAny(let values): "(" + values.map(String.init).joined(separator: " or ") + ")"
        case .relation(let op, let value): op.rawValue + " \(value)"
        }
    }
}
