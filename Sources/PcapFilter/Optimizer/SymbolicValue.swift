import BPF

/// The identity of a value computed by a filter, shared by every place that computes the same thing.
///
/// Two registers holding the same ``ValueID`` hold the same number on every packet: this is
/// what lets the optimizer drop a load whose result is already in a register.
struct ValueID: Hashable, Comparable, Sendable {
    let index: Int
    static func < (lhs: ValueID, rhs: ValueID) -> Bool { lhs.index < rhs.index }
}

/// What a value is, in terms of the packet and other values.
///
/// Packet bytes never change while a filter runs, so equal descriptions are equal numbers.
enum SymbolicValue: Hashable, Sendable {
    case constant(UInt32)
    case packet(LoadSize, offset: UInt32)
    case packetIndexed(LoadSize, offset: UInt32, index: ValueID)
    case ipHeaderLength(offset: UInt32)
    case wireLength
    case alu(ALUOperation, ValueID, ValueID)
    case negate(ValueID)
    /// Whatever a register holds where control merges from paths that disagree: unique per
    /// (block, register slot), so it equals only itself.
    case unknown(block: Int, slot: Int)
}

/// Hash-consing of ``SymbolicValue``s with constant folding and algebraic identities.
///
/// Identifiers are handed out in the order values are first met, so a deterministic walk
/// gives deterministic identifiers; the dictionary is only ever looked up, never iterated.
struct ValueTable {
    private var ids: [SymbolicValue: ValueID] = [:]
    private(set) var values: [SymbolicValue] = []
    /// The identifiers of the values met most often — small constants, packet loads at small
    /// offsets — by ``directSlot(_:)``, found without hashing (index + 1; 0 when not met yet).
    private var directIDs = [Int32](repeating: 0, count: 256 + 256 * 3)

    mutating func intern(_ value: SymbolicValue) -> ValueID {
        let slot = Self.directSlot(value)
        if let slot, directIDs[slot] > 0 { return ValueID(index: Int(directIDs[slot]) - 1) }
        let value = simplified(value)
        let id: ValueID
        if let known = ids[value] {
            id = known
        } else {
            id = ValueID(index: values.count)
            values.append(value)
            ids[value] = id
        }
        if let slot, let stored = Int32(exactly: id.index + 1) { directIDs[slot] = stored }
        return id
    }

    /// Where a constant below 256 or a packet load at an offset below 256 is kept in `directIDs`.
    private static func directSlot(_ value: SymbolicValue) -> Int? {
        switch value {
        case .constant(let k) where k < 256:
            Int(k)
        case let .packet(size, offset) where offset < 256:
            256 + Int(offset) * 3 + (size == .word ? 0 : size == .half ? 1 : 2)
        default:
            nil
        }
    }

    func constant(_ id: ValueID) -> UInt32? {
        if case .constant(let k) = values[id.index] { return k }
        return nil
    }

    subscript(id: ValueID) -> SymbolicValue { values[id.index] }

    /// Folds constants and drops identities; never folds what can fail at run time
    /// (division by zero).
    private mutating func simplified(_ value: SymbolicValue) -> SymbolicValue {
        switch value {
        case .alu(let operation, var left, var right):
            if Self.commutative(operation), constant(left) != nil, constant(right) == nil { swap(&left, &right) }
            let l = constant(left), r = constant(right)
            // (y op c1) op c2 is y op (c1 op c2) for the associative operations.
            if let r, Self.commutative(operation), case let .alu(inner, y, c1) = values[left.index], inner == operation,
               let k1 = constant(c1), let combined = Self.evaluate(operation, k1, r) {
                return simplified(.alu(operation, y, intern(.constant(combined))))
            }
            if let l, let r, let folded = Self.evaluate(operation, l, r) { return .constant(folded) }
            // 0 shifted any distance is 0 on every engine (as libpcap folds it); 0 / x and
            // 0 % x stay, since x may be 0 and then the program fails.
            if l == 0, operation == .leftShift || operation == .rightShift { return .constant(0) }
            if let r {
                switch (operation, r) {
                case (.add, 0), (.sub, 0), (.or, 0), (.xor, 0), (.leftShift, 0), (.rightShift, 0),
                     (.mul, 1), (.div, 1), (.and, UInt32.max):
                    return values[left.index]
                case (.and, 0), (.mul, 0), (.mod, 1):
                    return .constant(0)
                default: break
                }
            }
            return .alu(operation, left, right)
        case .negate(let inner):
            if let k = constant(inner) { return .constant(0 &- k) }
            return value
        default:
            return value
        }
    }

    static func commutative(_ operation: ALUOperation) -> Bool {
        switch operation {
        case .add, .mul, .and, .or, .xor: true
        default: false
        }
    }

    /// The largest number `id` can be on any packet.
    func upperBound(_ id: ValueID) -> UInt32 {
        switch values[id.index] {
        case .constant(let k): k
        case .packet(let size, _), .packetIndexed(let size, _, _):
            size == .word ? .max : (size == .half ? 0xffff : 0xff)
        case .ipHeaderLength: 60
        case let .alu(.and, left, right): min(upperBound(left), upperBound(right))
        case let .alu(.rightShift, left, right): constant(right).map { $0 < 32 ? upperBound(left) >> $0 : 0 } ?? upperBound(left)
        case let .alu(.div, left, right): constant(right).map { $0 == 0 ? 0 : upperBound(left) / $0 } ?? upperBound(left)
        case let .alu(.mod, _, right): constant(right).map { $0 == 0 ? 0 : $0 - 1 } ?? .max
        case let .alu(.add, left, right):
            upperBound(left).addingReportingOverflow(upperBound(right)).overflow ? .max : upperBound(left) + upperBound(right)
        case let .alu(.or, left, right), let .alu(.xor, left, right):
            // No bit above the larger bound's highest bit can be set.
            UInt32.max >> max(upperBound(left), upperBound(right)).leadingZeroBitCount
        case let .alu(.leftShift, left, right):
            constant(right).map { k in
                k >= 32 ? 0 : (upperBound(left).leadingZeroBitCount >= k ? upperBound(left) << k : .max)
            } ?? .max
        default: .max
        }
    }

    /// `left operation right` as libpcap computes it, or nil where it would fail. A shift by 32
    /// or more is 0, as libpcap's optimizer folds it and its interpreter computes `lsh x`; a
    /// constant operand that large never reaches here, since the validator refuses it.
    static func evaluate(_ operation: ALUOperation, _ left: UInt32, _ right: UInt32) -> UInt32? {
        switch operation {
        case .add: left &+ right
        case .sub: left &- right
        case .mul: left &* right
        case .div: right == 0 ? nil : left / right
        case .mod: right == 0 ? nil : left % right
        case .or: left | right
        case .and: left & right
        case .xor: left ^ right
        case .leftShift: right < 32 ? left << right : 0
        case .rightShift: right < 32 ? left >> right : 0
        }
    }
}
