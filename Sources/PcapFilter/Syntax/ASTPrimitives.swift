/// A number that may have been written as a name (802.11 types, pf reasons); the printer
/// writes it back the way it came.
public struct NamedNumber: Hashable, Sendable {
    /// The value libpcap uses.
    public var value: UInt32
    /// The name as written, or `nil` if written as a number.
    public var name: String?
}

/// What follows `llc`.
public enum LLCFilter: Hashable, Sendable {
    /// `llc i`: information frames.
    case information
    /// `llc s`: supervisory frames.
    case supervisory
    /// `llc u`: unnumbered frames.
    case unnumbered
    /// A supervisory subtype by name (`rr`, `rnr`, `rej`); the value is the LLC control code.
    case supervisorySubtype(NamedNumber)
    /// An unnumbered subtype by name (`ui`, `ua`, `disc`, …); the value is the LLC control code.
    case unnumberedSubtype(NamedNumber)
}

/// The pf (OpenBSD packet filter log) primitives: P3, accepted only on `DLT_PFLOG`.
public enum PFPrimitive: Hashable, Sendable {
    /// `on NAME` / `ifname NAME`.
    case interfaceName(String)
    /// `rset NAME` / `ruleset NAME`.
    case ruleset(String)
    /// `rnr N` / `rulenum N`.
    case ruleNumber(UInt32)
    /// `srnr N` / `subrulenum N`.
    case subruleNumber(UInt32)
    /// `reason N|NAME`.
    case reason(NamedNumber)
    /// `action NAME`.
    case action(NamedNumber)
}

/// How an ATM or MTP3 field is compared (`vpi 1`, `vpi > 1`, `vpi (1 or 2)`).
public enum FieldTest: Hashable, Sendable {
    /// Equal to any of the values (one value for `vpi 1`).
    case equalsAny([UInt32])
    /// A relation with a constant.
    case relation(RelationalOperator, UInt32)
}

/// The ATM keywords (P3: accepted only on raw ATM / SunATM).
public enum ATMKeyword: String, Hashable, Sendable, CaseIterable {
    /// `lane`.
    case lane
    /// `metac`.
    case metac
    /// `bcc`.
    case bcc
    /// `oamf4ec`.
    case oamf4ec
    /// `oamf4sc`.
    case oamf4sc
    /// `sc`.
    case sc
    /// `ilmic`.
    case ilmic
    /// `oam`.
    case oam
    /// `oamf4`.
    case oamf4
    /// `connectmsg`.
    case connectmsg
    /// `metaconnect`.
    case metaconnect
}

/// The SS7 MTP2 frame types (P3).
public enum MTP2Type: String, Hashable, Sendable, CaseIterable {
    /// `fisu`.
    case fisu
    /// `lssu` / `lsu`.
    case lssu
    /// `msu`.
    case msu
    /// `hfisu`.
    case hfisu
    /// `hlssu`.
    case hlssu
    /// `hmsu`.
    case hmsu
}

/// The SS7 MTP3 fields (P3).
public enum MTP3Field: String, Hashable, Sendable, CaseIterable {
    /// `sio`.
    case sio
    /// `opc`.
    case opc
    /// `dpc`.
    case dpc
    /// `sls`.
    case sls
    /// `hsio`.
    case hsio
    /// `hopc`.
    case hopc
    /// `hdpc`.
    case hdpc
    /// `hsls`.
    case hsls
}

/// The operator of the old `byte` primitive.
public enum ByteOperator: String, Hashable, Sendable, CaseIterable {
    /// `&`: some bit of the mask is set.
    case and = "&"
    /// `|`: the byte or'ed with the value is not 0.
    case or = "|"
    /// `<`.
    case less = "<"
    /// `>`.
    case greater = ">"
    /// `=`.
    case equal = "="
}

/// The primitives that are neither `head value` nor relations: libpcap's `other`.
public enum OtherPrimitive: Hashable, Sendable {
    /// `[proto] broadcast`.
    case broadcast(ProtocolQualifier?)
    /// `[proto] multicast`.
    case multicast(ProtocolQualifier?)
    /// `less N`: `len <= N`.
    case less(UInt32)
    /// `greater N`: `len >= N`.
    case greater(UInt32)
    /// `byte OFFSET op VALUE`.
    case byte(offset: UInt32, ByteOperator, UInt32)
    /// `inbound`.
    case inbound
    /// `outbound`.
    case outbound
    /// `ifindex N`.
    case ifindex(UInt32)
    /// `vlan [ID]`.
    case vlan(UInt32?)
    /// `mpls [LABEL]`.
    case mpls(UInt32?)
    /// `pppoed`.
    case pppoed
    /// `pppoes [SESSION]`.
    case pppoes(UInt32?)
    /// `geneve [VNI]`.
    case geneve(UInt32?)
    /// `llc [what]`.
    case llc(LLCFilter?)
    /// `type T [subtype S]` or `subtype S`: `gen_p80211_type(value, mask)`.
    case ieee80211Type(type: NamedNumber?, subtype: NamedNumber?, value: UInt32, mask: UInt32)
    /// `dir D`: the 802.11 frame direction.
    case ieee80211Direction(NamedNumber)
    /// A pf primitive.
    case pf(PFPrimitive)
    /// An ATM frame-type keyword.
    case atm(ATMKeyword)
    /// `vpi`/`vci` with a test.
    case atmField(vci: Bool, FieldTest)
    /// An MTP2 frame type.
    case mtp2(MTP2Type)
    /// An MTP3 field with a test.
    case mtp3(MTP3Field, FieldTest)
}
