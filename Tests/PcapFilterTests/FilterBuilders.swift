import BPF
import PcapFilter

/// Short spellings for building ``SemanticFilter`` trees by hand in the differential table.

func && (l: SemanticFilter, r: SemanticFilter) -> SemanticFilter { .and(l, r) }
func || (l: SemanticFilter, r: SemanticFilter) -> SemanticFilter { .or(l, r) }
prefix func ! (f: SemanticFilter) -> SemanticFilter { .not(f) }

enum F {
    static func p(_ primitive: SemanticPrimitive) -> SemanticFilter { .primitive(primitive) }

    static func v4(_ text: String) -> UInt32 {
        text.split(separator: ".").reduce(UInt32(0)) { $0 << 8 | (UInt32($1) ?? 0) }
    }

    static func prefixMask(_ length: Int) -> UInt32 { length == 0 ? 0 : ~UInt32(0) << UInt32(32 - length) }

    static func host(_ a: String, _ proto: IPv4HostProtocol = .any, _ dir: AddressDirection = .sourceOrDestination)
        -> SemanticFilter
    {
        p(.ipv4Host(address: v4(a), mask: 0xffff_ffff, proto, dir))
    }

    static func net(_ a: String, _ length: Int, _ proto: IPv4HostProtocol = .any,
                    _ dir: AddressDirection = .sourceOrDestination) -> SemanticFilter
    {
        p(.ipv4Host(address: v4(a), mask: prefixMask(length), proto, dir))
    }

    static func v6(_ words: [UInt16]) -> [UInt8] { words.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] } }

    static func host6(_ words: [UInt16], _ length: Int = 128, _ dir: AddressDirection = .sourceOrDestination)
        -> SemanticFilter
    {
        let mask = (0..<16).map { i -> UInt8 in
            let bits = max(0, min(8, length - i * 8))
            return bits == 0 ? 0 : UInt8(truncatingIfNeeded: 0xff << (8 - bits))
        }
        return p(.ipv6Host(address: v6(words), mask: mask, dir))
    }

    static func ether(_ mac: [UInt8], _ dir: AddressDirection = .sourceOrDestination) -> SemanticFilter {
        p(.etherHost(mac, dir))
    }

    static func port(_ n: UInt16, _ proto: PortProtocol = .any, _ dir: AddressDirection = .sourceOrDestination)
        -> SemanticFilter
    {
        p(.port(proto, dir, low: n, high: n, isRange: false))
    }

    static func range(_ a: UInt16, _ b: UInt16, _ proto: PortProtocol = .any,
                      _ dir: AddressDirection = .sourceOrDestination) -> SemanticFilter
    {
        p(.port(proto, dir, low: a, high: b, isRange: true))
    }

    static func k(_ keyword: ProtocolKeyword) -> SemanticFilter { p(.protocolKeyword(keyword)) }

    static func load(_ layer: LoadLayer, _ index: UInt32, _ size: LoadSize = .byte) -> ArithmeticExpression {
        .load(layer, index: .constant(index), size: size)
    }

    static func rel(_ l: ArithmeticExpression, _ r: RelationalOperator, _ rhs: ArithmeticExpression) -> SemanticFilter {
        p(.relation(l, r, rhs))
    }


    static func vlan(_ id: UInt32? = nil) -> SemanticFilter { p(.vlan(id)) }
}

/// `a op b` for arithmetic expressions.
func + (l: ArithmeticExpression, r: ArithmeticExpression) -> ArithmeticExpression { .binary(.add, l, r) }
func - (l: ArithmeticExpression, r: ArithmeticExpression) -> ArithmeticExpression { .binary(.subtract, l, r) }
func * (l: ArithmeticExpression, r: ArithmeticExpression) -> ArithmeticExpression { .binary(.multiply, l, r) }
func / (l: ArithmeticExpression, r: ArithmeticExpression) -> ArithmeticExpression { .binary(.divide, l, r) }
func & (l: ArithmeticExpression, r: ArithmeticExpression) -> ArithmeticExpression { .binary(.and, l, r) }

extension ArithmeticExpression: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: UInt32) { self = .constant(value) }
}
