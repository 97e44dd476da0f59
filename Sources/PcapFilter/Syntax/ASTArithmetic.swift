import BPF

/// A binary arithmetic operator.
public enum ArithmeticOperator: String, Hashable, Sendable, CaseIterable {
    /// `+`.
    case add = "+"
    /// `-`.
    case subtract = "-"
    /// `*`.
    case multiply = "*"
    /// `/`.
    case divide = "/"
    /// `%`.
    case modulo = "%"
    /// `&`.
    case and = "&"
    /// `|`.
    case or = "|"
    /// `^`.
    case xor = "^"
    /// `<<`.
    case shiftLeft = "<<"
    /// `>>`.
    case shiftRight = ">>"

    /// libpcap's declared precedence, higher binds tighter; `nil` for `%` and `^`, which have
    /// none, so the parser always shifts them and they take everything to their right.
    public var precedence: Int? {
        switch self {
        case .or: 1
        case .and: 2
        case .shiftLeft, .shiftRight: 3
        case .add, .subtract: 4
        case .multiply, .divide: 5
        case .modulo, .xor: nil
        }
    }
}

/// An arithmetic expression: libpcap's `arth`.
public struct Arithmetic: Hashable, Sendable {
    /// The expression's shape.
    public indirect enum Kind: Hashable, Sendable {
        /// A constant.
        case number(UInt32)
        /// `len` / `length`: the packet's wire length.
        case length
        /// `proto[offset]` or `proto[offset:size]`.
        case load(ProtocolQualifier, offset: Arithmetic, size: LoadSize)
        /// `lhs op rhs`.
        case binary(ArithmeticOperator, Arithmetic, Arithmetic)
        /// `-operand`.
        case negate(Arithmetic)
    }

    /// The shape.
    public var kind: Kind
    /// The text it came from.
    public var range: SourceRange
}

/// A comparison operator of a relation.
public enum RelationalOperator: String, Hashable, Sendable, CaseIterable {
    /// `>`.
    case greater = ">"
    /// `>=`.
    case greaterOrEqual = ">="
    /// `=` / `==`.
    case equal = "="
    /// `<=` (libpcap compiles it as not `>`).
    case lessOrEqual = "<="
    /// `<` (libpcap compiles it as not `>=`).
    case less = "<"
    /// `!=` (libpcap compiles it as not `=`).
    case notEqual = "!="
}

/// `lhs op rhs`, compared as unsigned 32-bit values.
public struct Relation: Hashable, Sendable {
    /// The operator.
    public var op: RelationalOperator
    /// The left side.
    public var lhs: Arithmetic
    /// The right side.
    public var rhs: Arithmetic
}
