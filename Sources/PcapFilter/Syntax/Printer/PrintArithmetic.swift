import BPF

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
            let sizeText = size == .byte ? "" : ":" + String(size.byteCount)
            return proto.keyword + "[" + text(offset) + sizeText + "]"
        case .negate(let operand):
            // `-a ^ b` is `-(a ^ b)`: bison shifts `^` and `%` even after a unary minus.
            return "-" + (isPrimary(operand) || absorbsRight(operand) ? text(operand) : "(" + text(operand) + ")")
        case .binary(let op, let lhs, let rhs):
            let left = leftNeedsNoParentheses(op, lhs) ? text(lhs) : "(" + text(lhs) + ")"
            return left + " " + op.rawValue + " " + (rightNeedsNoParentheses(op, rhs) ? text(rhs) : "(" + text(rhs) + ")")
        }
    }

    /// A `%` or `^` node: written without parentheses it still takes everything after it.
    private static func absorbsRight(_ node: Arithmetic) -> Bool {
        if case .binary(let op, _, _) = node.kind { return op.precedence == nil }
        return false
    }

    private static func rightNeedsNoParentheses(_ op: ArithmeticOperator, _ rhs: Arithmetic) -> Bool {
        // The right operand of `%` or `^` already extends to the end.
        guard let precedence = op.precedence else { return true }
        switch rhs.kind {
        case .number, .length, .load, .negate: return true
        case .binary(let rhsOp, _, _):
            guard let rhsPrecedence = rhsOp.precedence else { return true }
            return rhsPrecedence > precedence
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
