import BPF

/// `decnet host AREA.NODE` (libpcap's `gen_dnhostop`).
enum DECnet {
    /// A DECnet routing header starts with a flags byte, optionally after one byte of padding
    /// (the top bit of the first byte says so), and is short or long (the flags say which).
    /// The address is little-endian on the wire, so a big-endian `ldh` sees it byte-swapped.
    static func host(_ address: UInt16, _ direction: AddressDirection, _ e: Encapsulation)
        throws(CodeGenerationError) -> Predicate
    {
        // Each direction tests the ethertype again, as libpcap's does.
        let isDECnet = try e.linkProtocol(EtherType.decnet)
        let source = Predicate.and(isDECnet, addressTest(address, shortOffset: 3, longOffset: 15, e))
        let destination = Predicate.and(isDECnet, addressTest(address, shortOffset: 1, longOffset: 7, e))
        return Directions.combine(direction, source: source, destination: destination)
    }

    /// The address `shortOffset` (short header) or `longOffset` (long header) bytes after the
    /// flags, for each of the four header shapes, in libpcap's order.
    private static func addressTest(_ address: UInt16, shortOffset: UInt32, longOffset: UInt32, _ e: Encapsulation)
        -> Predicate
    {
        let header = e.networkHeader
        let wire = UInt32(address.byteSwapped)
        // After the 2-byte length: flags (low 3 bits 2 = short, 6 = long), or pad byte 0x81
        // followed by the flags.
        func shape(padded: Bool, long: Bool) -> Predicate {
            let flags: UInt32 = long ? 0x06 : 0x02
            let shapeTest = padded ? header.compare(.half, at: 2, 0x8100 | flags, mask: 0xff07)
                                   : header.compare(.byte, at: 2, flags, mask: 0x07)
            let offset = 2 + (padded ? 1 : 0) + (long ? longOffset : shortOffset)
            return .and(shapeTest, header.compare(.half, at: offset, wire))
        }
        return .any([shape(padded: false, long: false), shape(padded: true, long: false),
                     shape(padded: false, long: true), shape(padded: true, long: true)])
    }
}
