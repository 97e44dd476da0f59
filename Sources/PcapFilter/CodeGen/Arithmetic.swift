import BPF

/// The protocol whose header a `proto[offset]` load is relative to.
public enum LoadLayer: Hashable, Sendable {
    /// `ether[…]`, `link[…]`, `ppp[…]`: the link-layer header.
    case link
    /// A network-layer header (`ip`, `ip6`, `arp`, `rarp`, …), named by its ethertype.
    case network(ProtocolKeyword)
    /// An IPv4 transport header after a first-fragment check (`tcp`, `udp`, `icmp`, …).
    case transport(ProtocolKeyword)
    /// `icmp6[…]`: after a fixed 40-byte IPv6 header.
    case icmp6
    /// `radio[…]`: the radiotap header, from the start of the packet.
    case radio
}

extension ArithmeticOperator {
    /// The ALU operation that computes it.
    var alu: ALUOperation {
        switch self {
        case .add: .add
        case .subtract: .sub
        case .multiply: .mul
        case .divide: .div
        case .modulo: .mod
        case .and: .and
        case .or: .or
        case .xor: .xor
        case .shiftLeft: .leftShift
        case .shiftRight: .rightShift
        }
    }
}

/// An unsigned 32-bit value computed per packet.
public indirect enum ArithmeticExpression: Hashable, Sendable {
    /// A constant.
    case constant(UInt32)
    /// `len`: the packet's length on the wire.
    case length
    /// `layer[index : size]`.
    case load(LoadLayer, index: ArithmeticExpression, size: LoadSize)
    /// `left op right`.
    case binary(ArithmeticOperator, ArithmeticExpression, ArithmeticExpression)
    /// `-value`.
    case negate(ArithmeticExpression)
}

/// A computed value: statements that leave it in a scratch cell, and the guard that must
/// hold before they may run (the packet carries the protocols the loads read).
struct ComputedValue {
    var statements: [Instruction]
    var cell: ScratchCell
    var guardPredicate: Predicate?
}

/// Code for arithmetic and relations, following libpcap's unoptimized shape: every value
/// lives in a scratch cell, operands move through X.
struct ArithmeticGenerator {
    let encapsulation: Encapsulation
    var scratch: ScratchAllocator

    mutating func relation(_ left: ArithmeticExpression, _ relation: RelationalOperator, _ right: ArithmeticExpression)
        throws(CodeGenerationError) -> Predicate
    {
        let a = try value(left)
        let b = try value(right)
        var statements = a.statements + b.statements
        statements += [.loadXScratch(cell: b.cell.index), .loadScratch(cell: a.cell.index)]
        scratch.free(a.cell)
        scratch.free(b.cell)
        let test: Predicate
        switch relation {
        case .equal, .notEqual:
            statements.append(.alu(.sub, .x))
            test = .compare(statements, .equal, 0)
        case .greater, .lessOrEqual:
            test = .test(Test(statements, .greater, .x))
        case .greaterOrEqual, .less:
            test = .test(Test(statements, .greaterOrEqual, .x))
        }
        let result: Predicate
        switch relation {
        case .notEqual, .less, .lessOrEqual: result = .not(test)
        default: result = test
        }
        let guards = [a.guardPredicate, b.guardPredicate].compactMap { $0 }
        return guards.isEmpty ? result : .and(.all(guards), result)
    }

    mutating func value(_ expression: ArithmeticExpression) throws(CodeGenerationError) -> ComputedValue {
        switch expression {
        case .constant(let k):
            let cell = try scratch.allocate()
            return ComputedValue(statements: [.loadConstant(k), .store(cell: cell.index)], cell: cell)
        case .length:
            let cell = try scratch.allocate()
            return ComputedValue(statements: [.loadLength, .store(cell: cell.index)], cell: cell)
        case .negate(let inner):
            var v = try value(inner)
            v.statements += [.loadScratch(cell: v.cell.index), .negate, .store(cell: v.cell.index)]
            return v
        case let .binary(op, left, right):
            if case .constant(let k) = right {
                if k == 0 && op == .divide { throw .divisionByZero(at: nil) }
                if k == 0 && op == .modulo { throw .modulusByZero(at: nil) }
                if k > 31 && (op == .shiftLeft || op == .shiftRight) { throw .shiftTooLarge(at: nil) }
            }
            var a = try value(left)
            let b = try value(right)
            a.statements += b.statements
            a.statements += [.loadXScratch(cell: b.cell.index), .loadScratch(cell: a.cell.index),
                             .alu(op.alu, .x), .store(cell: a.cell.index)]
            scratch.free(b.cell)
            // libpcap 1.10.3 keeps only the left operand's guard here (the right one's is
            // dropped), so `len / (ip[8] - 64)` loads ip[8] from non-IP packets too. Matched.
            return a
        case let .load(layer, index, size):
            return try load(layer, index: index, size: size)
        }
    }

    private static func both(_ a: Predicate?, _ b: Predicate?) -> Predicate? {
        switch (a, b) {
        case let (a?, b?): .and(a, b)
        case let (a?, nil): a
        case let (nil, b): b
        }
    }

    private mutating func load(_ layer: LoadLayer, index: ArithmeticExpression, size: LoadSize)
        throws(CodeGenerationError) -> ComputedValue
    {
        var v = try value(index)
        let result = try scratch.allocate()
        let e = encapsulation
        switch layer {
        case .link:
            v.statements += indexed(e.linkHeader, v.cell, size, extra: 0)
        case .radio:
            guard e.linkLayer == .ieee80211Radiotap else { throw .semantic(.radioInformationNotPresent, at: nil) }
            v.statements += indexed(LayerOffset(0), v.cell, size, extra: 0)
        case .network(let keyword):
            v.statements += indexed(e.networkHeader, v.cell, size, extra: 0)
            v.guardPredicate = Self.both(v.guardPredicate, try ProtocolGenerator(e).keyword(keyword))
        case .transport(let keyword):
            let header = e.networkHeader
            v.statements += header.loadXIPv4HeaderLength() + [.loadScratch(cell: v.cell.index),
                             .alu(.add, .x), .tax, .loadIndirect(size, offset: header.constant)]
            let transport = Predicate.and(try ProtocolGenerator(e).keyword(keyword), IPv4.firstFragment(e))
            let inner = v.guardPredicate.map { Predicate.and($0, transport) } ?? transport
            v.guardPredicate = .and(try e.linkProtocol(EtherType.ipv4), inner)
        case .icmp6:
            v.statements += indexed(e.networkHeader, v.cell, size, extra: 40)
            let icmp6 = Predicate.and(try e.linkProtocol(EtherType.ipv6), e.networkHeader.compare(.byte, at: 6, 58))
            v.guardPredicate = v.guardPredicate.map { Predicate.and($0, icmp6) } ?? icmp6
        }
        v.statements.append(.store(cell: result.index))
        scratch.free(v.cell)
        v.cell = result
        return v
    }

    /// `X ← index; A ← [X + base + extra]`, adding the base's variable part when it has one.
    private func indexed(_ base: LayerOffset, _ cell: ScratchCell, _ size: LoadSize, extra: UInt32) -> [Instruction] {
        var statements: [Instruction] = [.loadXScratch(cell: cell.index)]
        if let variable = base.variable {
            statements += [.loadScratch(cell: variable.index), .alu(.add, .x), .tax]
        }
        statements.append(.loadIndirect(size, offset: base.constant &+ extra))
        return statements
    }
}
