import BPF

extension Parser {
    /// Unary minus binds tighter than every declared operator.
    private static var unaryMinusPrecedence: Int { 6 }

    /// `arth` in a position where only arithmetic may stand.
    mutating func parseArithmetic() throws(FilterError) -> Arithmetic {
        try nested { (parser) throws(FilterError) -> Arithmetic in
            let primary = try parser.parseArithmeticUnary()
            return try parser.parseBinaryTail(primary, minimumPrecedence: 0)
        }
    }

    /// Operator precedence as bison resolves grammar.y's conflicts: declared operators by
    /// level, left-associative; `%` and `^` have no precedence, so bison always shifts
    /// them and their right operand takes everything after them.
    mutating func parseBinaryTail(_ lhs: Arithmetic, minimumPrecedence: Int) throws(FilterError) -> Arithmetic {
        var lhs = lhs
        while let op = nextArithmeticOperator() {
            let rhs: Arithmetic
            if let precedence = op.precedence {
                guard precedence >= minimumPrecedence else { break }
                advance()
                rhs = try nested { (parser) throws(FilterError) -> Arithmetic in
                    let primary = try parser.parseArithmeticUnary()
                    return try parser.parseBinaryTail(primary, minimumPrecedence: precedence + 1)
                }
            } else {
                advance()
                rhs = try parseArithmetic()
            }
            try checkConstantOperand(op, rhs)
            lhs = Arithmetic(kind: .binary(op, lhs, rhs), range: lhs.range.merged(with: rhs.range))
        }
        return lhs
    }

    /// `- arth`, or a primary.
    mutating func parseArithmeticUnary() throws(FilterError) -> Arithmetic {
        let token = peek()
        guard token.kind == .punctuation(.minus) else { return try parseArithmeticPrimary() }
        advance()
        let operand = try nested { (parser) throws(FilterError) -> Arithmetic in
            let primary = try parser.parseArithmeticUnary()
            return try parser.parseBinaryTail(primary, minimumPrecedence: Self.unaryMinusPrecedence)
        }
        return Arithmetic(kind: .negate(operand), range: token.range.merged(with: operand.range))
    }

    /// `NUM`, `len`, `proto[…]` or a parenthesized arithmetic expression.
    mutating func parseArithmeticPrimary() throws(FilterError) -> Arithmetic {
        let token = peek()
        switch token.kind {
        case .number(let value):
            advance()
            return Arithmetic(kind: .number(value), range: token.range)
        case .keyword(.len):
            advance()
            return Arithmetic(kind: .length, range: token.range)
        case .keyword(.protocolName(let proto)):
            advance()
            guard isNext(.leftBracket) else { throw syntaxError() }
            return try parseLoad(proto, start: token.range)
        case .punctuation(.leftParen):
            guard case .arithmeticPrimary(let primary, _) = try parseParenthesized(left: nil, allow: .arithmetic) else {
                throw syntaxError()
            }
            return primary
        default:
            throw syntaxError()
        }
    }

    /// `proto [ arth ]` or `proto [ arth : NUM ]`, after the protocol name.
    mutating func parseLoad(_ proto: ProtocolQualifier, start: SourceRange) throws(FilterError) -> Arithmetic {
        try expect(.leftBracket)
        let offset = try parseArithmetic()
        var size = LoadSize.byte
        if isNext(.colon) {
            advance()
            let (value, range) = try expectNumber()
            guard let known = LoadSize.allCases.first(where: { $0.byteCount == value }) else {
                // gen_load rejects the size only when the rule reduces, after `]`.
                try expect(.rightBracket)
                throw .invalidLoadSize(value, at: range)
            }
            size = known
        }
        let close = try expect(.rightBracket)
        let load = Arithmetic(kind: .load(proto, offset: offset, size: size), range: start.merged(with: close.range))
        try reduction.reduceLoad(load)
        return load
    }

    private mutating func nextArithmeticOperator() -> ArithmeticOperator? {
        switch peek().kind {
        case .punctuation(.plus): .add
        case .punctuation(.minus): .subtract
        case .punctuation(.star): .multiply
        case .punctuation(.slash): .divide
        case .punctuation(.percent): .modulo
        case .punctuation(.ampersand): .and
        case .punctuation(.pipe): .or
        case .punctuation(.caret): .xor
        case .punctuation(.shiftLeft): .shiftLeft
        case .punctuation(.shiftRight): .shiftRight
        default: nil
        }
    }

    /// gen_arth's checks look only at the first instruction of the right operand's code: if
    /// it loads a constant, that constant is taken as the operand. So `len / (0 + 1)` and
    /// `len / ether[0]` are "division by zero" in libpcap, and so they are here.
    private func checkConstantOperand(_ op: ArithmeticOperator, _ rhs: Arithmetic) throws(FilterError) {
        guard let constant = rhs.leadingConstant else { return }
        switch op {
        case .divide where constant == 0: throw .divisionByZero(at: rhs.range)
        case .modulo where constant == 0: throw .modulusByZero(at: rhs.range)
        case .shiftLeft where constant > 31, .shiftRight where constant > 31: throw .shiftTooLarge(at: rhs.range)
        default: return
        }
    }
}

extension Arithmetic {
    /// The constant libpcap's code for this expression loads first, if it starts with one.
    var leadingConstant: UInt32? {
        var node = self
        while true {
            switch node.kind {
            case .number(let value): return value
            case .length: return nil
            case .negate(let operand): node = operand
            case .binary(_, let lhs, _): node = lhs
            case .load(_, let offset, _): node = offset
            }
        }
    }
}
