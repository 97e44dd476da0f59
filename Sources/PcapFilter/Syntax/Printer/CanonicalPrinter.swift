/// Prints a syntax tree back as filter text that parses to the same tree: keywords in
/// their canonical spelling, numbers in decimal, single spaces, parentheses where the
/// source had them (they decide qualifier inheritance) and where arithmetic needs them.
public enum CanonicalPrinter {
    /// The canonical text of a parsed filter; the empty filter prints as "".
    public static func print(_ syntax: FilterSyntax) -> String {
        syntax.expression.map { print($0, headWritten: false) } ?? ""
    }

    /// `headWritten`: the head of the leftmost value was already printed before a
    /// parenthesized value list (`host (a or b)`).
    static func print(_ node: Expression, headWritten: Bool) -> String {
        switch node.parentheses {
        case .expression:
            return "(" + printBare(node, headWritten: headWritten) + ")"
        case .values:
            if !headWritten, let head = leftmostWrittenHead(node) {
                return text(head) + " (" + printBare(node, headWritten: true) + ")"
            }
            return "(" + printBare(node, headWritten: headWritten) + ")"
        case .none:
            return printBare(node, headWritten: headWritten)
        }
    }

    private static func printBare(_ node: Expression, headWritten: Bool) -> String {
        switch node.kind {
        case .and(let lhs, let rhs):
            return print(lhs, headWritten: headWritten) + " and " + printOperand(rhs)
        case .or(let lhs, let rhs):
            return print(lhs, headWritten: headWritten) + " or " + printOperand(rhs)
        case .not(let operand):
            return "not " + print(operand, headWritten: headWritten)
        case .primitive(let primitive):
            return print(primitive, headWritten: headWritten)
        }
    }

    /// The right operand of `and`/`or`: grouped if it is itself a connective, since they
    /// associate to the left.
    private static func printOperand(_ node: Expression) -> String {
        switch node.kind {
        case .and, .or:
            if node.parentheses == .none { return "(" + printBare(node, headWritten: false) + ")" }
            return print(node, headWritten: false)
        default:
            return print(node, headWritten: false)
        }
    }

    private static func leftmostWrittenHead(_ node: Expression) -> Head? {
        var current = node
        while true {
            switch current.kind {
            case .and(let lhs, _), .or(let lhs, _), .not(let lhs):
                current = lhs
            case .primitive(.qualified(let value)):
                return value.inherited ? nil : value.head
            case .primitive:
                return nil
            }
        }
    }

    private static func print(_ primitive: Primitive, headWritten: Bool) -> String {
        switch primitive {
        case .qualified(let value):
            let valueText = text(value.value)
            return value.inherited || headWritten ? valueText : text(value.head) + " " + valueText
        case .protocolAbbreviation(let proto):
            return proto.keyword
        case .relation(let relation):
            return text(relation.lhs) + " " + relation.op.rawValue + " " + text(relation.rhs)
        case .other(let other):
            return text(other)
        }
    }

    static func text(_ head: Head) -> String {
        [head.proto?.keyword, head.direction?.rawValue, head.kind?.rawValue].compactMap { $0 }.joined(separator: " ")
    }

    static func text(_ value: Value) -> String {
        switch value {
        case .name(let name, let escaped): escaped ? "\\" + name : name
        case .number(let number): String(number)
        case .ipv4(let address): address.text
        case .ipv4Prefix(let address, let length): address.text + "/" + String(length)
        case .ipv4Masked(let address, let mask): address.text + " mask " + mask.text
        case .ipv6(let address): address.text
        case .ipv6Prefix(let address, let length): address.text + "/" + String(length)
        case .mac(let address): address.text
        case .decnet(let text): text
        }
    }
}
