extension Parser {
    /// After a protocol name that is not followed by `[`: a head, `broadcast`/`multicast`,
    /// an 802.11 form, or the protocol alone.
    mutating func parseAfterProtocol(_ proto: ProtocolQualifier, start: SourceRange) throws(FilterError) -> ParsedOperand {
        switch peek().kind {
        case .keyword(.broadcast), .keyword(.multicast):
            let token = advance()
            let primitive: OtherPrimitive = token.kind == .keyword(.broadcast) ? .broadcast(proto) : .multicast(proto)
            return try other(primitive, start.merged(with: token.range))
        case .keyword(.type), .keyword(.subtype), .keyword(.dir):
            // `pqual p80211`: libpcap ignores the protocol.
            return try parse80211(start: start)
        case let kind where Self.startsHeadAfterProtocol(kind):
            return try parseHead(proto: proto, start: start)
        case .keyword(.and), .keyword(.or), .punctuation(.rightParen), .end:
            return .term(try reduced(.protocolAbbreviation(proto), start), q: nil)
        default:
            // Bison's default reduction here is to a qualifier, which generates nothing, so
            // `ether 80` is a syntax error before `ether` alone could be refused.
            throw syntaxError()
        }
    }

    private static func startsHeadAfterProtocol(_ kind: TokenKind) -> Bool {
        switch kind {
        case .keyword(.src), .keyword(.dst), .keyword(.address1), .keyword(.address2), .keyword(.address3),
            .keyword(.address4), .keyword(.ra), .keyword(.ta), .keyword(.host), .keyword(.net), .keyword(.port),
            .keyword(.portrange), .keyword(.proto), .keyword(.protochain), .keyword(.gateway):
            true
        default:
            false
        }
    }

    /// `head id`: `[proto] [dir] [type]` and the value (or parenthesized values) after it.
    mutating func parseHead(proto: ProtocolQualifier?, start: SourceRange) throws(FilterError) -> ParsedOperand {
        var head = Head(proto: proto)
        var directionGiven = false
        let first = peek()
        switch first.kind {
        case .keyword(.src), .keyword(.dst):
            advance()
            let isSource = first.kind == .keyword(.src)
            head.direction = isSource ? .source : .destination
            if let isAnd = nextConnective() {
                // `src or dst`, `dst and src`, …: the other direction must follow.
                advance()
                guard isNext(isSource ? .dst : .src) else { throw syntaxError() }
                advance()
                head.direction = isAnd ? .sourceAndDestination : .sourceOrDestination
            }
            directionGiven = true
        case .keyword(.address1): advance(); head.direction = .address1; directionGiven = true
        case .keyword(.address2): advance(); head.direction = .address2; directionGiven = true
        case .keyword(.address3): advance(); head.direction = .address3; directionGiven = true
        case .keyword(.address4): advance(); head.direction = .address4; directionGiven = true
        case .keyword(.ra): advance(); head.direction = .receiver; directionGiven = true
        case .keyword(.ta): advance(); head.direction = .transmitter; directionGiven = true
        default: break
        }
        switch peek().kind {
        case .keyword(.host): advance(); head.kind = .host
        case .keyword(.net): advance(); head.kind = .net
        case .keyword(.port): advance(); head.kind = .port
        case .keyword(.portrange): advance(); head.kind = .portrange
        case .keyword(.proto) where !directionGiven: advance(); head.kind = .proto
        case .keyword(.protochain) where !directionGiven: advance(); head.kind = .protochain
        case .keyword(.gateway) where !directionGiven: advance(); head.kind = .gateway
        default:
            if !directionGiven { throw syntaxError() }
        }
        guard case .id(let value, let q, _) = try parseOperand(left: head, allow: .id, headStart: start) else {
            throw syntaxError()
        }
        var node = value
        node.range = start.merged(with: value.range)
        return .term(node, q: q)
    }

    /// A term that starts with a keyword other than a protocol name.
    mutating func parseKeywordTerm(start: SourceRange) throws(FilterError) -> ParsedOperand {
        let token = peek()
        guard case .keyword(let keyword) = token.kind else { throw syntaxError() }
        switch keyword {
        case .src, .dst, .address1, .address2, .address3, .address4, .ra, .ta, .host, .net, .port,
            .portrange, .proto, .protochain, .gateway:
            return try parseHead(proto: nil, start: start)
        case .broadcast:
            advance()
            return try other(.broadcast(nil), start)
        case .multicast:
            advance()
            return try other(.multicast(nil), start)
        case .type, .subtype, .dir:
            return try parse80211(start: start)
        case .less, .greater:
            advance()
            let (value, range) = try expectNumber()
            return try other(keyword == .less ? .less(value) : .greater(value), start.merged(with: range))
        case .byte:
            advance()
            let (offset, _) = try expectNumber()
            guard let op = byteOperator() else { throw syntaxError() }
            advance()
            let (value, range) = try expectNumber()
            return try other(.byte(offset: offset, op, value), start.merged(with: range))
        case .inbound:
            advance()
            return try other(.inbound, start)
        case .outbound:
            advance()
            return try other(.outbound, start)
        case .ifindex:
            advance()
            let (value, range) = try expectNumber()
            return try other(.ifindex(value), start.merged(with: range))
        case .pppoed:
            advance()
            return try other(.pppoed, start)
        case .vlan, .mpls, .pppoes, .geneve:
            advance()
            return try parseEncapsulation(keyword, start: start)
        case .llc:
            advance()
            return try parseLLC(start: start)
        case .pfInterfaceName, .pfRuleset, .pfRuleNumber, .pfSubruleNumber, .pfReason, .pfAction:
            advance()
            return try parsePF(keyword, start: start)
        case .atm(let atm):
            advance()
            return try other(.atm(atm), start)
        case .vpi, .vci:
            advance()
            let (test, range) = try parseFieldTest()
            return try other(.atmField(vci: keyword == .vci, test), start.merged(with: range))
        case .mtp2(let type):
            advance()
            return try other(.mtp2(type), start)
        case .mtp3(let field):
            advance()
            let (test, range) = try parseFieldTest()
            return try other(.mtp3(field, test), start.merged(with: range))
        case .protocolName, .and, .or, .not, .len, .mask:
            throw syntaxError()
        }
    }

    mutating func other(_ primitive: OtherPrimitive, _ range: SourceRange) throws(FilterError) -> ParsedOperand {
        .term(try reduced(.other(primitive), range), q: nil)
    }

    private mutating func byteOperator() -> ByteOperator? {
        switch peek().kind {
        case .punctuation(.ampersand): .and
        case .punctuation(.pipe): .or
        case .punctuation(.less): .less
        case .punctuation(.greater): .greater
        case .punctuation(.equal): .equal
        default: nil
        }
    }

    /// `pnum: NUM | ( pnum )`.
    mutating func parseParenthesizedNumber() throws(FilterError) -> (UInt32, SourceRange) {
        let token = peek()
        if case .number(let value) = token.kind {
            advance()
            return (value, token.range)
        }
        try expect(.leftParen)
        let (value, _) = try nested { (parser) throws(FilterError) -> (UInt32, SourceRange) in
            try parser.parseParenthesizedNumber()
        }
        let close = try expect(.rightParen)
        return (value, token.range.merged(with: close.range))
    }

    /// `vlan`, `mpls`, `pppoes`, `geneve`, each with an optional `pnum`.
    private mutating func parseEncapsulation(_ keyword: Keyword, start: SourceRange) throws(FilterError) -> ParsedOperand {
        var number: UInt32?
        var numberRange = start
        if case .number = peek().kind {
            (number, numberRange) = try parseParenthesizedNumber()
        } else if isNext(.leftParen) {
            (number, numberRange) = try parseParenthesizedNumber()
        }
        // Code generation bounds the number, after it has checked the link type, as libpcap's
        // gen_vlan and gen_mpls do.
        let range = start.merged(with: numberRange)
        switch keyword {
        case .vlan: return try other(.vlan(number), range)
        case .mpls: return try other(.mpls(number), range)
        case .pppoes: return try other(.pppoes(number), range)
        default: return try other(.geneve(number), range)
        }
    }
}
