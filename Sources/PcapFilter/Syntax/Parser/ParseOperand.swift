/// What may stand at a position of the grammar: where bison's state holds items for more
/// than one of them, the parser decides by the same tokens bison's tables look at.
struct Allowed: OptionSet {
    let rawValue: Int
    /// A `term` (primitive, `not term`, `( expr )`, relation).
    static let term = Allowed(rawValue: 1)
    /// An `id`: a bare value taking the inherited head.
    static let id = Allowed(rawValue: 2)
    /// An `arth` standing alone (inside parentheses or brackets).
    static let arithmetic = Allowed(rawValue: 4)
    /// A parenthesized number, `( pnum )`, and nothing else.
    static let number = Allowed(rawValue: 8)
}

/// A parsed operand, with the qualifier (`$$.q`) libpcap passes on to the next bare value.
enum ParsedOperand {
    /// A term; `q` is `nil` after head-less primitives (libpcap's `qerr`).
    case term(Expression, q: Head?)
    /// An id; `startsValueList` when it may begin `( id and id … )` (libpcap's `nid` or `pnum`).
    case id(Expression, q: Head?, startsValueList: Bool)
    /// An arithmetic expression; `isNumber` when it is a plain `pnum`.
    case arithmetic(Arithmetic, isNumber: Bool)
}

extension Parser {
    /// Parses whatever `allow` permits at this point; `left` is the qualifier of the symbol
    /// before it (`$<blk>0.q`), which a bare value inherits.
    /// `headStart` is where the head began, right after a head: the first value met is the
    /// one the head was written for, every later one inherits it.
    mutating func parseOperand(left q: Head?, allow: Allowed, firstInParentheses: Bool = false, headStart: SourceRange? = nil) throws(FilterError) -> ParsedOperand {
        try nested { (parser) throws(FilterError) -> ParsedOperand in
            try parser.parseOperandBody(left: q, allow: allow, firstInParentheses: firstInParentheses, headStart: headStart)
        }
    }

    private mutating func parseOperandBody(left q: Head?, allow: Allowed, firstInParentheses: Bool, headStart: SourceRange?) throws(FilterError) -> ParsedOperand {
        let token = peek()
        switch token.kind {
        case .keyword(.not):
            guard allow.contains(.term) || allow.contains(.id) else { throw syntaxError() }
            advance()
            let inner = try parseOperand(left: q, allow: allow.subtracting(.arithmetic), headStart: headStart)
            switch inner {
            case .term(let e, let innerQ):
                return .term(Expression(.not(e), range: token.range.merged(with: e.range)), q: innerQ)
            case .id(let e, let innerQ, _):
                return .id(Expression(.not(e), range: token.range.merged(with: e.range)), q: innerQ, startsValueList: true)
            case .arithmetic:
                throw syntaxError()
            }
        case .punctuation(.leftParen):
            // The first element of `( pid )` is a `nid` or a `pnum`, never another `( pid )`.
            var groupAllow = allow
            if firstInParentheses && allow.contains(.id) {
                groupAllow.remove(.id)
                groupAllow.insert(.number)
            }
            switch try parseParenthesized(left: q, allow: groupAllow, headStart: headStart) {
            case .operand(let operand):
                return operand
            case .arithmeticPrimary(let primary, let isNumber):
                return try continueArithmetic(primary, isNumber: isNumber, left: q, allow: allow, firstInParentheses: firstInParentheses, headStart: headStart)
            }
        case .number, .punctuation(.minus), .keyword(.len):
            let arithmeticStart = allow.contains(.term) || allow.contains(.arithmetic)
            if token.kind == .punctuation(.minus) || token.kind == .keyword(.len), !arithmeticStart {
                throw syntaxError()
            }
            let isNumber = if case .number = token.kind { true } else { false }
            let primary = try parseArithmeticUnary()
            return try continueArithmetic(primary, isNumber: isNumber, left: q, allow: allow, firstInParentheses: firstInParentheses, headStart: headStart)
        case .keyword(.protocolName(let proto)):
            guard allow.contains(.term) || allow.contains(.arithmetic) else { throw syntaxError() }
            advance()
            if isNext(.leftBracket) {
                let load = try parseLoad(proto, start: token.range)
                return try continueArithmetic(load, isNumber: false, left: q, allow: allow, firstInParentheses: firstInParentheses, headStart: headStart)
            }
            guard allow.contains(.term) else { throw syntaxError() }
            return try parseAfterProtocol(proto, start: token.range)
        case .name, .dotted, .ipv6, .mac, .arcnet:
            guard allow.contains(.id) else { throw syntaxError() }
            let value = try parseValue(head: q, headStart: headStart)
            return .id(value, q: q, startsValueList: true)
        case .keyword:
            guard allow.contains(.term) else { throw syntaxError() }
            return try parseKeywordTerm(start: token.range)
        default:
            throw syntaxError()
        }
    }

    /// After an arithmetic primary: a `pnum` that is an id, the rest of an `arth`, or a relation.
    mutating func continueArithmetic(_ primary: Arithmetic, isNumber: Bool, left q: Head?, allow: Allowed, firstInParentheses: Bool, headStart: SourceRange?) throws(FilterError) -> ParsedOperand {
        if isNumber, firstInParentheses, !allow.isDisjoint(with: [.id, .number]), isNext(.rightParen) {
            // `( pnum )`: the parenthesized group decides what it is.
            return .arithmetic(primary, isNumber: true)
        }
        if isNumber, allow.contains(.id), case .number(let number) = primary.kind {
            let next = peek().kind
            let onlyId = !allow.contains(.term) && !allow.contains(.arithmetic)
            // Bison reduces `pnum` to `id` on these lookaheads; on any other it takes its
            // default reduction to `arth` (or, where no `arth` is possible, to `id`). First in
            // parentheses the `pnum` can only be `qid`, which `and`/`or` must follow.
            let idFollowers: [TokenKind] =
                firstInParentheses
                ? [.keyword(.and), .keyword(.or)]
                : [.keyword(.and), .keyword(.or), .punctuation(.rightParen), .end]
            let followsId = idFollowers.contains(next)
            if onlyId || followsId {
                var value = try checkedValue(.number(number), head: q, range: primary.range)
                value.inherited = headStart == nil
                let node = try reduced(.qualified(value), primary.range, place: headStart?.merged(with: primary.range))
                return .id(node, q: q, startsValueList: true)
            }
        }
        let arithmetic = try parseBinaryTail(primary, minimumPrecedence: 0)
        if allow.contains(.term), let op = nextRelationalOperator() {
            advance()
            let rhs = try parseArithmetic()
            let range = arithmetic.range.merged(with: rhs.range)
            let relation = Relation(op: op, lhs: arithmetic, rhs: rhs)
            return .term(try reduced(.relation(relation), range), q: nil)
        }
        guard allow.contains(.arithmetic) else { throw syntaxError() }
        return .arithmetic(arithmetic, isNumber: isNumber && arithmetic == primary)
    }

    mutating func nextRelationalOperator() -> RelationalOperator? {
        switch peek().kind {
        case .punctuation(.greater): .greater
        case .punctuation(.greaterOrEqual): .greaterOrEqual
        case .punctuation(.equal): .equal
        case .punctuation(.lessOrEqual): .lessOrEqual
        case .punctuation(.less): .less
        case .punctuation(.notEqual): .notEqual
        default: nil
        }
    }
}
