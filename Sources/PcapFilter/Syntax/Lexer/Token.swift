/// A reserved word of the filter language (lower case only, as libpcap's scanner).
enum Keyword: Hashable, Sendable {
    case dst, src, host, gateway, net, mask, port, portrange, proto, protochain
    case less, greater, byte, broadcast, multicast, inbound, outbound, ifindex
    case type, subtype, dir, address1, address2, address3, address4, ra, ta
    case and, or, not, len, vlan, mpls, pppoed, pppoes, geneve, llc
    case pfInterfaceName, pfRuleset, pfRuleNumber, pfSubruleNumber, pfReason, pfAction
    case vpi, vci
    case protocolName(ProtocolQualifier)
    case atm(ATMKeyword)
    case mtp2(MTP2Type)
    case mtp3(MTP3Field)
}

/// A punctuation token.
enum Punctuation: Hashable, Sendable {
    case plus, minus, star, slash, percent, colon, leftBracket, rightBracket
    case less, greater, leftParen, rightParen, ampersand, pipe, caret, equal
    case greaterOrEqual, lessOrEqual, notEqual, shiftLeft, shiftRight
}

/// What a token is, in the terms of libpcap's grammar (`ID`, `NUM`, `HID`, `HID6`, `EID`, …).
enum TokenKind: Hashable, Sendable {
    case keyword(Keyword)
    case punctuation(Punctuation)
    /// `NUM`, including the named constants (`tcpflags`, `icmp-echo`, …).
    case number(UInt32)
    /// `ID`; `escaped` when written with a leading backslash.
    case name(String, escaped: Bool)
    /// `HID`: two to four dotted numbers, kept as text (libpcap converts them later).
    case dotted(String)
    /// `HID6`; `nil` when the text was not a valid address (the error is pending).
    case ipv6(IPv6Address?)
    /// `EID`; `nil` for the colon runs libpcap calls a bogus ethernet address.
    case mac(MACAddress?)
    /// `AID`: `$` and one or two hex digits.
    case arcnet(String)
    /// `LEX_ERROR`: a character no rule takes, or a number that failed to convert.
    case invalid
    /// The end of the text.
    case end
}

/// A token with its text range and, for the scanner's errors, libpcap's message.
struct Token: Hashable, Sendable {
    var kind: TokenKind
    var range: SourceRange
    /// The error libpcap's scanner records when it reads this token.
    var scanError: FilterError?
}
