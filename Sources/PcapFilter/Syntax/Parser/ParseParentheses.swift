/// What a parenthesized group turned out to be.
enum ParenthesizedGroup {
    /// `( expr )` (a term) or `( pid )` (an id).
    case operand(ParsedOperand)
    /// `( pnum )` or `( narth )`: an arithmetic primary the caller continues.
    case arithmeticPrimary(Arithmetic, isNumber: Bool)
}

extension Parser {
    /// After `(`, bison keeps `( expr )`, `( pid )`, `( pnum )` and `( narth )` open
    /// together and the first element decides: a term makes an expression, a value makes a
    /// value list, an arithmetic expression stays arithmetic.
    mutating func parseParenthesized(left q: Head?, allow: Allowed, headStart: SourceRange? = nil) throws(FilterError) -> ParenthesizedGroup {
        let open = try expect(.leftParen)
        var inner = allow
        if allow.contains(.term) { inner.insert(.arithmetic) }
        let first = try parseOperand(left: q, allow: inner, firstInParentheses: true, headStart: headStart)
        switch first {
        case .term(let e, let termQ):
            let (expression, _) = try parseExpressionTail(first: e, q: termQ)
            let close = try expect(.rightParen)
            var node = expression
            node.range = open.range.merged(with: close.range)
            node.parentheses = .expression
            // `rterm: paren expr ')'` takes the paren's own `q`: what stood before it.
            return .operand(.term(node, q: q))
        case .id(let e, let idQ, let startsValueList):
            // `pid: nid | qid and id | qid or id`: a parenthesized list cannot start a list.
            guard startsValueList else { throw syntaxError() }
            return .operand(try parseValueListTail(first: e, q: idQ, open: open))
        case .arithmetic(let arithmetic, let isNumber):
            let close = try expect(.rightParen)
            var primary = arithmetic
            primary.range = open.range.merged(with: close.range)
            return .arithmeticPrimary(primary, isNumber: isNumber)
        }
    }

    private mutating func parseValueListTail(first: Expression, q: Head?, open: Token) throws(FilterError) -> ParsedOperand {
        var node = first
        var lastQ = q
        while let isAnd = nextConnective() {
            advance()
            guard case .id(let rhs, let rhsQ, _) = try parseOperand(left: lastQ, allow: .id) else {
                throw syntaxError()
            }
            node = Expression(isAnd ? .and(node, rhs) : .or(node, rhs), range: node.range.merged(with: rhs.range))
            lastQ = rhsQ
        }
        let close = try expect(.rightParen)
        node.range = open.range.merged(with: close.range)
        node.parentheses = .values
        return .id(node, q: lastQ, startsValueList: false)
    }
}
