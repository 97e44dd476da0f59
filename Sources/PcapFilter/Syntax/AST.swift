/// A parsed filter expression; `expression` is `nil` for the empty filter (accept all).
public struct FilterSyntax: Hashable, Sendable {
    /// The expression, or `nil` when the text was empty or blank.
    public var expression: Expression?
}

/// One primitive: the leaves of the expression tree.
public enum Primitive: Hashable, Sendable {
    /// `head value`, or an inherited bare value.
    case qualified(QualifiedValue)
    /// A protocol name alone (`tcp`, `ip6`): `gen_proto_abbrev`.
    case protocolAbbreviation(ProtocolQualifier)
    /// `arith relop arith`.
    case relation(Relation)
    /// Everything else (`vlan`, `less`, `llc`, …).
    case other(OtherPrimitive)
}

/// A node of the boolean expression tree.
public struct Expression: Hashable, Sendable {
    /// The node's shape.
    public indirect enum Kind: Hashable, Sendable {
        /// `lhs and rhs` (`&&`).
        case and(Expression, Expression)
        /// `lhs or rhs` (`||`).
        case or(Expression, Expression)
        /// `not operand` (`!`).
        case not(Expression)
        /// A leaf.
        case primitive(Primitive)
    }

    /// The shape.
    public var kind: Kind
    /// The text it came from, parentheses included.
    public var range: SourceRange
    /// The parentheses the source put around this node. Kept because they decide which
    /// head a later bare value inherits (`host a and (tcp) and b` inherits `host`,
    /// `host a and tcp and b` is an error), so the printer must write them back.
    public var parentheses: Parentheses

    /// Creates a node.
    public init(_ kind: Kind, range: SourceRange, parentheses: Parentheses = .none) {
        self.kind = kind
        self.range = range
        self.parentheses = parentheses
    }

    /// Which of libpcap's parenthesized forms a node was written in.
    public enum Parentheses: Hashable, Sendable {
        /// None.
        case none
        /// `( expr )`: a group of terms; afterwards values inherit what preceded it.
        case expression
        /// `( value and value … )` after a head (`host (a or b)`); afterwards values
        /// inherit the last value's head.
        case values
    }
}
