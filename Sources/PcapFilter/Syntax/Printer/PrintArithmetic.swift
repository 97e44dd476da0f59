extension CanonicalPrinter {
    /// Arithmetic with the parentheses libpcap's precedences need. `%` and `^` take
    /// everything to their right, so a node with one of them on its right edge is
    /// grouped wherever something could follow it.
    static func text(_ node: Arithmetic) -> String {
        switch node.kind {
        case .number(let value):
            return String(value)
        case .length:
            return "len"
        case .load(let proto, let offset, let size):
            let sizeText = size == .byte ? "" : ":" + String(size.rawValue)
            return proto.keyword + "[" + text(offset) + sizeText + "]"
        case .negate(let operand):
            return "-" + (isPrimary(operand) ? text(operand) : "(" + text(operand) + ")")
        case .binary(let op, let lhs, let rhs):
            let left = leftNeedsNoParentheses(op, lhs) ? text(lhs) : "(" + text(lhs) + ")"
            let right = isPrimary(rhs) ? text(rhs) : "(" + text(rhs) + ")"
            return left + " " + op.rawValue + " " + right
        }
    }

    private static func isPrimary(_ node: Arithmetic) -> Bool {
        switch node.kind {
        case .number, .length, .load: true
        case .negate(let operand): isPrimary(operand)
        case .binary: false
        }
    }

    private static func leftNeedsNoParentheses(_ op: ArithmeticOperator, _ lhs: Arithmetic) -> Bool {
        guard let precedence = op.precedence else { return isPrimary(lhs) && !isNegation(lhs) }
        switch lhs.kind {
        case .number, .length, .load: return true
        case .negate(let operand): return isPrimary(operand)
        case .binary(let lhsOp, _, let lhsRight):
            guard let lhsPrecedence = lhsOp.precedence else { return false }
            return lhsPrecedence >= precedence && isPrimary(lhsRight)
        }
    }

    private static func isNegation(_ node: Arithmetic) -> Bool {
        if case .negate = node.kind { return true }
        return false
    }
}
