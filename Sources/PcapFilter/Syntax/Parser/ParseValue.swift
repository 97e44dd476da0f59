extension Parser {
    /// `nid`: a name, an address (with `/len` or `mask`), or a MAC address, checked against
    /// the head it takes (`q`, `nil` when there is none to inherit).
    mutating func parseValue(head q: Head?, headStart: SourceRange?) throws(FilterError) -> Expression {
        let token = advance()
        var value: QualifiedValue
        switch token.kind {
        case .name(let name, let escaped):
            value = try checkedValue(.name(name, escaped: escaped), head: q, range: token.range)
        case .dotted(let text):
            if isNext(.slash) {
                advance()
                let (length, lengthRange) = try expectNumber()
                value = try checkedPrefix(text, length: length, head: q, range: token.range.merged(with: lengthRange))
            } else if isNext(.mask) {
                advance()
                let maskToken = peek()
                guard case .dotted(let maskText) = maskToken.kind else { throw syntaxError() }
                advance()
                value = try checkedMasked(text, mask: maskText, head: q, range: token.range.merged(with: maskToken.range))
            } else {
                value = try checkedDotted(text, head: q, range: token.range)
            }
        case .ipv6(let address):
            var length: UInt32?
            var range = token.range
            if isNext(.slash) {
                advance()
                let (prefix, prefixRange) = try expectNumber()
                length = prefix
                range = range.merged(with: prefixRange)
            }
            guard let address else { throw scanFailure(token) }
            value = try checkedIPv6(address, length: length, head: q, range: range)
        case .mac(let address):
            guard let address else { throw scanFailure(token) }
            value = try checkedValue(.mac(address), head: q, range: token.range)
        case .arcnet:
            // gen_acode: no link type we compile for has ARCnet addresses.
            throw .arcnetAddressUnsupported(at: token.range)
        default:
            throw .syntax(at: token.range)
        }
        value.inherited = headStart == nil
        return try reduced(.qualified(value), value.valueRange, place: headStart?.merged(with: value.valueRange))
    }

    private func qualified(_ value: Value, _ head: Head, _ range: SourceRange) -> QualifiedValue {
        QualifiedValue(head: head, inherited: true, value: value, valueRange: range)
    }

    /// The checks gen_scode, gen_ncode and gen_ecode make before looking at the link type.
    func checkedValue(_ value: Value, head q: Head?, range: SourceRange) throws(FilterError) -> QualifiedValue {
        switch value {
        case .name:
            guard let q else { throw .valueWithoutQualifier(at: range) }
            switch q.kind {
            case .gateway: throw .gatewayUnsupported(at: range)
            case .port, .portrange: try checkPortProtocol(q, range: range)
            default: break
            }
            return qualified(value, q, range)
        case .number(let number):
            try checkNumeric(number, head: q, range: range)
        case .mac:
            guard let q, q.kind == nil || q.kind == .host, q.proto == .link else {
                throw .ethernetAddressInNonEtherExpression(at: range)
            }
        default:
            break
        }
        guard let q else { throw .valueWithoutQualifier(at: range) }
        return qualified(value, q, range)
    }

    /// gen_ncode's checks of a number or a dotted address, by the head's kind.
    private func checkNumeric(_ number: UInt32, head q: Head?, range: SourceRange) throws(FilterError) {
        guard let q else { throw .valueWithoutQualifier(at: range) }
        switch q.kind {
        case nil, .host, .net:
            if q.proto == .link { throw .illegalLinkLayerAddress(at: range) }
        case .port, .portrange:
            try checkPortProtocol(q, range: range)
            if number > 65535 { throw .illegalPortNumber(number, at: range) }
        case .gateway:
            throw .gatewayRequiresName(at: range)
        case .proto, .protochain:
            break
        }
    }

    /// Only protocols with ports may qualify `port` and `portrange`.
    private func checkPortProtocol(_ q: Head, range: SourceRange) throws(FilterError) {
        guard [nil, .udp, .tcp, .sctp].contains(q.proto) else {
            throw .illegalQualifier(keyword: q.kind == .port ? "port" : "portrange", at: range)
        }
    }

    /// A lone dotted address: grammar.y's own check of the kind, then gen_ncode's.
    private func checkedDotted(_ text: String, head q: Head?, range: SourceRange) throws(FilterError) -> QualifiedValue {
        if let kind = q?.kind, [.port, .portrange, .proto, .protochain].contains(kind) {
            throw actionError(.modifierAppliedToIPHost(keyword: kind.rawValue, at: range))
        }
        if let q, q.proto == .decnet {
            // gen_ncode reads DECnet `area.node` addresses its own way (P3).
            try checkNumeric(0, head: q, range: range)
            return qualified(.decnet(text), q, range)
        }
        guard let address = AddressValues.ipv4(text) else { throw .invalidIPv4Address(text: text, at: range) }
        try checkNumeric(address.packedValue, head: q, range: range)
        guard let q else { throw .valueWithoutQualifier(at: range) }
        return qualified(.ipv4(address), q, range)
    }

    /// gen_mcode with a prefix length.
    private func checkedPrefix(_ text: String, length: UInt32, head q: Head?, range: SourceRange) throws(FilterError) -> QualifiedValue {
        guard let address = AddressValues.ipv4(text) else { throw .invalidIPv4Address(text: text, at: range) }
        guard length <= 32 else { throw .maskLengthTooLarge(maximum: 32, at: range) }
        let mask: UInt32 = length == 0 ? 0 : UInt32.max &<< (32 - length)
        if address.value & ~mask != 0 { throw .nonNetworkBitsSet(shown: "\(text)/\(length)", at: range) }
        guard let q, q.kind == .net else { throw .maskSyntaxForNetworksOnly(at: range) }
        return qualified(.ipv4Prefix(address, length: length), q, range)
    }

    /// gen_mcode with a dotted mask.
    private func checkedMasked(_ text: String, mask maskText: String, head q: Head?, range: SourceRange) throws(FilterError) -> QualifiedValue {
        guard let address = AddressValues.ipv4(text) else { throw .invalidIPv4Address(text: text, at: range) }
        guard let mask = AddressValues.ipv4(maskText) else { throw .invalidIPv4Address(text: maskText, at: range) }
        if address.value & ~mask.value != 0 {
            throw .nonNetworkBitsSet(shown: "\(text) mask \(maskText)", at: range)
        }
        guard let q, q.kind == .net else { throw .maskSyntaxForNetworksOnly(at: range) }
        return qualified(.ipv4Masked(address, mask: mask), q, range)
    }

    /// gen_mcode6; a plain address is a /128.
    private func checkedIPv6(_ address: IPv6Address, length: UInt32?, head q: Head?, range: SourceRange) throws(FilterError) -> QualifiedValue {
        let prefix = length ?? 128
        guard prefix <= 128 else { throw .maskLengthTooLarge(maximum: 128, at: range) }
        for (index, byte) in address.bytes.enumerated() {
            let bitsKept = max(0, min(8, Int(prefix) - index * 8))
            let keptMask: UInt8 = bitsKept == 0 ? 0 : UInt8(truncatingIfNeeded: 0xff << (8 - bitsKept))
            if byte & ~keptMask != 0 { throw .nonNetworkBitsSet(shown: "\(address.text)/\(prefix)", at: range) }
        }
        guard let q else { throw .invalidQualifierForIPv6(at: range) }
        switch q.kind {
        case nil, .host:
            if prefix != 128 { throw .maskSyntaxForNetworksOnly(at: range) }
        case .net:
            break
        default:
            throw .invalidQualifierForIPv6(at: range)
        }
        let value: Value = length.map { .ipv6Prefix(address, length: $0) } ?? .ipv6(address)
        return qualified(value, q, range)
    }
}
