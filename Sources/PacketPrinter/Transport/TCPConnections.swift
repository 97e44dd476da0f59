/// The first sequence numbers seen on each TCP connection, so later segments print
/// relative numbers as tcpdump does.
///
/// Both directions share one entry: the key orders the endpoints (by address bytes, then
/// port) and `reversed` says which way a segment goes.
struct TCPConnections {
    /// An IPv4 or IPv6 address as two big-endian halves (IPv4 in the low half of `upper`
    /// with `lower` zero), so keys are compared and hashed without allocating.
    struct Address: Hashable, Comparable {
        var upper: UInt64
        var lower: UInt64

        static func < (a: Address, b: Address) -> Bool { (a.upper, a.lower) < (b.upper, b.lower) }
    }

    struct Key: Hashable {
        var low: Address
        var high: Address
        var ports: UInt32
    }

    struct Entry {
        var sequence: UInt32
        var acknowledgment: UInt32
    }

    private var entries: [Key: Entry] = [:]

    /// The relative (seq, ack) of a segment with ACK set, recording a new connection when
    /// it is unknown or the segment is a SYN; also returns the entry for SACK blocks.
    mutating func relative(source: Address, destination: Address, sourcePort: UInt16, destinationPort: UInt16,
                           sequence: UInt32, acknowledgment: UInt32, isSYN: Bool)
        -> (sequence: UInt32, acknowledgment: UInt32, entry: Entry, reversed: Bool) {
        let reversed = source < destination ? false
            : (source == destination ? sourcePort > destinationPort : true)
        let key = reversed
            ? Key(low: destination, high: source, ports: UInt32(destinationPort) << 16 | UInt32(sourcePort))
            : Key(low: source, high: destination, ports: UInt32(sourcePort) << 16 | UInt32(destinationPort))
        if let entry = entries[key], !isSYN {
            if reversed {
                return (sequence &- entry.acknowledgment, acknowledgment &- entry.sequence, entry, true)
            }
            return (sequence &- entry.sequence, acknowledgment &- entry.acknowledgment, entry, false)
        }
        let entry = reversed
            ? Entry(sequence: acknowledgment &- 1, acknowledgment: sequence)
            : Entry(sequence: sequence, acknowledgment: acknowledgment &- 1)
        entries[key] = entry
        return (sequence, acknowledgment, entry, reversed)
    }
}
