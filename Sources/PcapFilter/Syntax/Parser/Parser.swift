/// The recursive-descent parser for libpcap 1.10.3's grammar (grammar.y).
///
/// It accepts exactly the language bison's LALR tables accept, and reports the same first
/// error: bison runs each rule's action (libpcap's code generation, with its errors) as
/// soon as it reduces, sometimes before reading the next token and sometimes after, so
/// the value checks below run at the point bison would reduce, and a scanner error counts
/// only once the token that carries it has been read.
///
/// Each primitive is handed to `reduction` where bison reduces it, so code generation can run
/// there as libpcap's grammar actions do: an error it finds in one primitive comes before a
/// syntax or value error further on (`mpls 32 or 1:2:3:4:5:6 and (` on LINUX_SLL2 fails on
/// `mpls`).
///
/// Termination: every loop consumes a token (`and`, `or`, an operator) per iteration and
/// every recursion either consumes a token first or is bounded by `maximumDepth`.
struct Parser<Reduction: PrimitiveReduction> {
    private var lexer: Lexer
    /// Receives every primitive, in reading order, as it is reduced.
    var reduction: Reduction
    private var lookahead: Token?
    /// The first error the scanner recorded; libpcap keeps the first message set.
    private var pendingScanError: FilterError?
    private var depth = 0
    static var maximumDepth: Int { FilterParser.maximumDepth }

    init(_ text: String, reduction: Reduction) {
        lexer = Lexer(text)
        self.reduction = reduction
    }

    /// The node for a primitive just completed, once `reduction` has taken it; `place`, the
    /// text an error in it points at, includes the head a value was written after.
    mutating func reduced(_ primitive: Primitive, _ range: SourceRange, place: SourceRange? = nil) throws(FilterError) -> Expression {
        try reduction.reduce(primitive, range: place ?? range)
        return Expression(.primitive(primitive), range: range)
    }

    /// The next token, read from the scanner if it has not been yet.
    mutating func peek() -> Token {
        if let lookahead { return lookahead }
        let token = lexer.next()
        if pendingScanError == nil, let error = token.scanError { pendingScanError = error }
        lookahead = token
        return token
    }

    /// Consumes the next token.
    @discardableResult
    mutating func advance() -> Token {
        let token = peek()
        lookahead = nil
        return token
    }

    /// The error for a token the grammar does not allow: the scanner's message if it
    /// recorded one, as libpcap keeps the first message.
    mutating func syntaxError() -> FilterError {
        let token = peek()
        return pendingScanError ?? .syntax(at: token.range)
    }

    /// An error set by a grammar action with `bpf_set_error`, which does not replace an
    /// earlier scanner message (code generation's `bpf_error` does, so those are thrown as is).
    func actionError(_ error: FilterError) -> FilterError {
        pendingScanError ?? error
    }

    /// The scanner's recorded error, for a token libpcap passes on as NULL.
    func scanFailure(_ token: Token) -> FilterError {
        pendingScanError ?? token.scanError ?? .syntax(at: token.range)
    }

    mutating func isNext(_ keyword: Keyword) -> Bool {
        peek().kind == .keyword(keyword)
    }

    mutating func isNext(_ punctuation: Punctuation) -> Bool {
        peek().kind == .punctuation(punctuation)
    }

    /// Consumes `punctuation` or fails with a syntax error.
    @discardableResult
    mutating func expect(_ punctuation: Punctuation) throws(FilterError) -> Token {
        guard isNext(punctuation) else { throw syntaxError() }
        return advance()
    }

    /// Consumes a `NUM` token or fails with a syntax error.
    mutating func expectNumber() throws(FilterError) -> (UInt32, SourceRange) {
        let token = peek()
        guard case .number(let value) = token.kind else { throw syntaxError() }
        advance()
        return (value, token.range)
    }

    /// Runs `body` one nesting level deeper.
    mutating func nested<T>(_ body: (inout Parser) throws(FilterError) -> T) throws(FilterError) -> T {
        guard depth < Self.maximumDepth else { throw .nestingTooDeep(at: peek().range) }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    /// `prog: null expr | null`.
    mutating func parseProgram() throws(FilterError) -> FilterSyntax {
        if peek().kind == .end { return FilterSyntax(expression: nil) }
        guard case .term(let first, let q) = try parseOperand(left: nil, allow: .term) else {
            throw syntaxError()
        }
        let (expression, _) = try parseExpressionTail(first: first, q: q)
        guard peek().kind == .end else { throw syntaxError() }
        return FilterSyntax(expression: expression)
    }

    /// `expr: expr and term | expr and id | expr or term | expr or id`, left to right.
    mutating func parseExpressionTail(first: Expression, q: Head?) throws(FilterError) -> (Expression, Head?) {
        var node = first
        var q = q
        while let isAnd = nextConnective() {
            advance()
            let operand = try parseOperand(left: q, allow: [.term, .id])
            let (rhs, rhsQ): (Expression, Head?)
            switch operand {
            case .term(let e, let tq): (rhs, rhsQ) = (e, tq)
            case .id(let e, let iq, _): (rhs, rhsQ) = (e, iq)
            case .arithmetic: throw syntaxError()
            }
            let range = node.range.merged(with: rhs.range)
            node = Expression(isAnd ? .and(node, rhs) : .or(node, rhs), range: range)
            q = rhsQ
        }
        return (node, q)
    }

    /// `true` for `and`, `false` for `or`, `nil` for anything else.
    mutating func nextConnective() -> Bool? {
        switch peek().kind {
        case .keyword(.and): true
        case .keyword(.or): false
        default: nil
        }
    }
}
