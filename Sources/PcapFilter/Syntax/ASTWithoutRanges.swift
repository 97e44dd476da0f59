extension FilterSyntax {
    /// The same tree with every source range and spelling-only text set aside, for comparing
    /// trees parsed from different text (the canonical printer's round trip).
    public var withoutRanges: FilterSyntax {
        FilterSyntax(expression: expression?.withoutRanges)
    }
}

extension Expression {
    /// The node with every range in it set to `0..<0`.
    public var withoutRanges: Expression {
        let kind: Kind
        switch self.kind {
        case .and(let lhs, let rhs): kind = .and(lhs.withoutRanges, rhs.withoutRanges)
        case .or(let lhs, let rhs): kind = .or(lhs.withoutRanges, rhs.withoutRanges)
        case .not(let operand): kind = .not(operand.withoutRanges)
        case .primitive(let primitive): kind = .primitive(primitive.withoutRanges)
        }
        return Expression(kind, range: SourceRange(0, 0), parentheses: parentheses)
    }
}

extension Primitive {
    fileprivate var withoutRanges: Primitive {
        switch self {
        case .qualified(var value):
            value.valueRange = SourceRange(0, 0)
            return .qualified(value)
        case .relation(let relation):
            return .relation(Relation(op: relation.op, lhs: relation.lhs.withoutRanges, rhs: relation.rhs.withoutRanges))
        case .protocolAbbreviation, .other:
            return self
        }
    }
}

extension Arithmetic {
    /// The expression with every range in it set to `0..<0`.
    public var withoutRanges: Arithmetic {
        let kind: Kind
        switch self.kind {
        case .number, .length: kind = self.kind
        case .load(let proto, let offset, let size): kind = .load(proto, offset: offset.withoutRanges, size: size)
        case .binary(let op, let lhs, let rhs): kind = .binary(op, lhs.withoutRanges, rhs.withoutRanges)
        case .negate(let operand): kind = .negate(operand.withoutRanges)
        }
        return Arithmetic(kind: kind, range: SourceRange(0, 0))
    }
}
