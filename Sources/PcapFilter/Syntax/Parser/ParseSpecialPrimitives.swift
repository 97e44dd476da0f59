extension Parser {
    /// `type T [subtype S]`, `subtype S`, `dir D` (grammar.y's `p80211`).
    mutating func parse80211(start: SourceRange) throws(FilterError) -> ParsedOperand {
        let keyword = advance()
        switch keyword.kind {
        case .keyword(.type):
            let (type, typeRange) = try parse80211Type()
            var range = start.merged(with: typeRange)
            guard isNext(.subtype) else {
                return try other(.ieee80211Type(type: type, subtype: nil, value: type.value, mask: 0x0c), range)
            }
            advance()
            let (subtype, subtypeRange) = try parse80211Subtype(of: type.value)
            range = range.merged(with: subtypeRange)
            return try other(.ieee80211Type(type: type, subtype: subtype, value: type.value | subtype.value, mask: 0xfc), range)
        case .keyword(.subtype):
            let token = peek()
            guard case .name(let name, _) = token.kind else { throw syntaxError() }
            advance()
            for table in NameTables.ieee80211Subtypes {
                if let value = NameTables.lookUp(name, in: table.names) {
                    let subtype = NamedNumber(value: value | table.type, name: name)
                    return try other(.ieee80211Type(type: nil, subtype: subtype, value: subtype.value, mask: 0xfc), start.merged(with: token.range))
                }
            }
            throw actionError(.unknown80211TypeNameForSubtype(at: token.range))
        default:
            let token = peek()
            switch token.kind {
            case .number(let value):
                advance()
                return try other(.ieee80211Direction(NamedNumber(value: value, name: nil)), start.merged(with: token.range))
            case .name(let name, _):
                advance()
                guard let value = NameTables.lookUp(name, in: NameTables.ieee80211Directions) else {
                    throw actionError(.unknown80211Direction(at: token.range))
                }
                return try other(.ieee80211Direction(NamedNumber(value: value, name: name)), start.merged(with: token.range))
            default:
                // As after `type`: a token the scanner refused (a bogus address) is its error.
                throw syntaxError()
            }
        }
    }

    private mutating func parse80211Type() throws(FilterError) -> (NamedNumber, SourceRange) {
        let token = peek()
        switch token.kind {
        case .number(let value):
            advance()
            if value & ~0x0c != 0 { throw actionError(.invalid80211Value(field: "type", value: value, at: token.range)) }
            return (NamedNumber(value: value, name: nil), token.range)
        case .name(let name, _):
            advance()
            guard let value = NameTables.lookUp(name, in: NameTables.ieee80211Types) else {
                throw actionError(.unknown80211TypeName(name, at: token.range))
            }
            return (NamedNumber(value: value, name: name), token.range)
        default:
            throw syntaxError()
        }
    }

    private mutating func parse80211Subtype(of type: UInt32) throws(FilterError) -> (NamedNumber, SourceRange) {
        let token = peek()
        switch token.kind {
        case .number(let value):
            advance()
            if value & ~0xf0 != 0 { throw actionError(.invalid80211Value(field: "subtype", value: value, at: token.range)) }
            return (NamedNumber(value: value, name: nil), token.range)
        case .name(let name, _):
            advance()
            guard let table = NameTables.ieee80211Subtypes.first(where: { $0.type == type }) else {
                throw actionError(.unknown80211Type(at: token.range))
            }
            guard let value = NameTables.lookUp(name, in: table.names) else {
                throw actionError(.unknown80211SubtypeName(name, at: token.range))
            }
            return (NamedNumber(value: value, name: name), token.range)
        default:
            throw syntaxError()
        }
    }

    /// `llc`, `llc ID`, `llc rnr`.
    mutating func parseLLC(start: SourceRange) throws(FilterError) -> ParsedOperand {
        let token = peek()
        switch token.kind {
        case .keyword(.pfRuleNumber):
            // "rnr" is also a pf keyword, so grammar.y takes it separately.
            advance()
            return try other(.llc(.supervisorySubtype(NamedNumber(value: 0x05, name: "rnr"))), start.merged(with: token.range))
        case .name(let name, _):
            advance()
            let range = start.merged(with: token.range)
            switch NameTables.asciiLowercased(name) {
            case "i": return try other(.llc(.information), range)
            case "s": return try other(.llc(.supervisory), range)
            case "u": return try other(.llc(.unnumbered), range)
            default: break
            }
            if let value = NameTables.lookUp(name, in: NameTables.llcSupervisory) {
                return try other(.llc(.supervisorySubtype(NamedNumber(value: value, name: name))), range)
            }
            if let value = NameTables.lookUp(name, in: NameTables.llcUnnumbered) {
                return try other(.llc(.unnumberedSubtype(NamedNumber(value: value, name: name))), range)
            }
            throw actionError(.unknownLLCTypeName(name, at: token.range))
        default:
            return try other(.llc(nil), start)
        }
    }

    /// The pf primitives after their keyword.
    mutating func parsePF(_ keyword: Keyword, start: SourceRange) throws(FilterError) -> ParsedOperand {
        let token = peek()
        let range = start.merged(with: token.range)
        switch (keyword, token.kind) {
        case (.pfInterfaceName, .name(let name, _)):
            advance()
            return try other(.pf(.interfaceName(name)), range)
        case (.pfRuleset, .name(let name, _)):
            advance()
            return try other(.pf(.ruleset(name)), range)
        case (.pfRuleNumber, .number(let value)):
            advance()
            return try other(.pf(.ruleNumber(value)), range)
        case (.pfSubruleNumber, .number(let value)):
            advance()
            return try other(.pf(.subruleNumber(value)), range)
        case (.pfReason, .number(let value)):
            advance()
            return try other(.pf(.reason(NamedNumber(value: value, name: nil))), range)
        case (.pfReason, .name(let name, _)):
            advance()
            guard let value = NameTables.lookUp(name, in: NameTables.pfReasons) else {
                throw actionError(.unknownPFReason(name, at: token.range))
            }
            return try other(.pf(.reason(NamedNumber(value: value, name: name))), range)
        case (.pfAction, .name(let name, _)):
            advance()
            guard let value = NameTables.lookUp(name, in: NameTables.pfActions) else {
                throw actionError(.unknownPFAction(name, at: token.range))
            }
            return try other(.pf(.action(NamedNumber(value: value, name: name))), range)
        default:
            throw syntaxError()
        }
    }

    /// `atmvalue` / `mtp3value`: `NUM`, `relop NUM`, or `( NUM or NUM … )`.
    mutating func parseFieldTest() throws(FilterError) -> (FieldTest, SourceRange) {
        let token = peek()
        if case .number(let value) = token.kind {
            advance()
            return (.equalsAny([value]), token.range)
        }
        if let op = nextRelationalOperator() {
            advance()
            let (value, range) = try expectNumber()
            return (.relation(op, value), token.range.merged(with: range))
        }
        try expect(.leftParen)
        var values = [try expectNumber().0]
        while isNext(.or) {
            advance()
            values.append(try expectNumber().0)
        }
        let close = try expect(.rightParen)
        return (.equalsAny(values), token.range.merged(with: close.range))
    }
}
