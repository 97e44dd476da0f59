import BPF

/// One atomic test: straight-line statements that leave a value in A, then a conditional jump on A.
///
/// This is libpcap's "block": the statements may load from the packet (and so may end the
/// program with 0 on a short packet), which is why the order in which tests run is part of
/// the meaning of a filter and is kept exactly by every stage below.
public struct Test: Hashable, Sendable {
    /// The instructions run before the jump, in order; no jumps or returns among them.
    public var statements: [Instruction]
    /// The comparison the jump makes on A.
    public var condition: JumpCondition
    /// What A is compared with.
    public var operand: Operand

    /// Creates a test from its statements and final comparison.
    public init(_ statements: [Instruction], _ condition: JumpCondition, _ operand: Operand) {
        self.statements = statements
        self.condition = condition
        self.operand = operand
    }
}

/// A boolean filter before control flow exists: what code generation produces and lowering consumes.
///
/// `and` and `or` short-circuit left to right: the left operand always runs first, the right
/// one only when it can change the answer. Lowering (``ControlFlowGraph/init(lowering:acceptLength:)``)
/// preserves that order, so the packet loads a filter performs are those a reader expects.
public enum Predicate: Hashable, Sendable {
    /// Always true or always false, with no instructions (libpcap's `ld #0; jeq #0` blocks).
    case constant(Bool)
    /// An atomic test.
    case test(Test)
    /// Both, left first.
    indirect case and(Predicate, Predicate)
    /// Either, left first.
    indirect case or(Predicate, Predicate)
    /// The opposite verdict of the same instructions.
    indirect case not(Predicate)
    /// Tests with shared continuations (see ``TestGraph``), true or false at its exits.
    case graph(TestGraph)

    /// The predicate that is always true.
    public static let always = Predicate.constant(true)
    /// The predicate that is always false.
    public static let never = Predicate.constant(false)

    /// A test of `statements` followed by `A condition k`.
    static func compare(_ statements: [Instruction], _ condition: JumpCondition, _ k: UInt32) -> Predicate {
        .test(Test(statements, condition, .constant(k)))
    }

    /// The conjunction of `predicates` in order (true when empty).
    static func all(_ predicates: [Predicate]) -> Predicate {
        guard var result = predicates.first else { return .always }
        for next in predicates.dropFirst() { result = .and(result, next) }
        return result
    }

    /// The disjunction of `predicates` in order (false when empty).
    static func any(_ predicates: [Predicate]) -> Predicate {
        guard var result = predicates.first else { return .never }
        for next in predicates.dropFirst() { result = .or(result, next) }
        return result
    }
}
