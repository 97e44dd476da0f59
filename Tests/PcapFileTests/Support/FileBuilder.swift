import PcapFile

/// Byte orders the builders can write.
enum Endianness: CaseIterable, Sendable, CustomStringConvertible {
    case little, big
    var description: String { self == .little ? "little-endian" : "big-endian" }
}

/// Appends integers in a chosen byte order.
struct ByteWriter {
    var bytes: [UInt8] = []
    let endianness: Endianness

    mutating func u16(_ value: UInt16) {
        let ordered = endianness == .little ? value.littleEndian : value.bigEndian
        withUnsafeBytes(of: ordered) { bytes.append(contentsOf: $0) }
    }

    mutating func u32(_ value: UInt32) {
        let ordered = endianness == .little ? value.littleEndian : value.bigEndian
        withUnsafeBytes(of: ordered) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ value: UInt64) {
        let ordered = endianness == .little ? value.littleEndian : value.bigEndian
        withUnsafeBytes(of: ordered) { bytes.append(contentsOf: $0) }
    }
}

/// A packet to put in a built file: raw fields, so tests can also write nonsense.
struct RecordSpec: Sendable {
    var seconds: UInt32
    var fraction: UInt32
    var data: [UInt8]
    var originalLength: UInt32
    var captureLength: UInt32? = nil
    var interfaceID: UInt32 = 0
}

/// Builds pcap files in either byte order and precision.
struct PcapBuilder {
    var endianness: Endianness = .little
    var precision: TimestampPrecision = .microseconds
    var major: UInt16 = 2
    var minor: UInt16 = 4
    var snapshotLength: UInt32 = 65535
    var linkTypeField: UInt32 = 1
    var magic: UInt32? = nil

    func build(_ records: [RecordSpec]) -> [UInt8] {
        var out = ByteWriter(endianness: endianness)
        out.u32(magic ?? (precision == .nanoseconds ? 0xa1b2_3c4d : 0xa1b2_c3d4))
        out.u16(major)
        out.u16(minor)
        out.u32(0)
        out.u32(0)
        out.u32(snapshotLength)
        out.u32(linkTypeField)
        for record in records {
            out.u32(record.seconds)
            out.u32(record.fraction)
            out.u32(record.captureLength ?? UInt32(record.data.count))
            out.u32(record.originalLength)
            out.bytes += record.data
        }
        return out.bytes
    }
}

/// Builds pcapng files block by block.
struct PcapngBuilder {
    var out: ByteWriter

    init(endianness: Endianness) { out = ByteWriter(endianness: endianness) }

    var bytes: [UInt8] { out.bytes }

    /// Switches byte order for the blocks that follow (use with a new section).
    mutating func switchOrder(to endianness: Endianness) {
        out = ByteWriter(bytes: out.bytes, endianness: endianness)
    }

    mutating func block(type: UInt32, body: (inout ByteWriter) -> Void) {
        var inner = ByteWriter(endianness: out.endianness)
        body(&inner)
        while inner.bytes.count % 4 != 0 { inner.bytes.append(0) }
        let length = UInt32(12 + inner.bytes.count)
        out.u32(type)
        out.u32(length)
        out.bytes += inner.bytes
        out.u32(length)
    }

    mutating func section(major: UInt16 = 1, minor: UInt16 = 0) {
        block(type: 0x0A0D_0D0A) { w in
            w.u32(0x1A2B_3C4D); w.u16(major); w.u16(minor); w.u64(UInt64.max)
        }
    }

    /// An interface with optional if_tsresol byte and if_tsoffset seconds.
    mutating func interface(linkType: UInt16, snapshotLength: UInt32, tsresol: UInt8? = nil, tsoffset: Int64? = nil) {
        block(type: 1) { w in
            w.u16(linkType); w.u16(0); w.u32(snapshotLength)
            if let tsresol { w.u16(9); w.u16(1); w.bytes += [tsresol, 0, 0, 0] }
            if let tsoffset { w.u16(14); w.u16(8); w.u64(UInt64(bitPattern: tsoffset)) }
            if tsresol != nil || tsoffset != nil { w.u16(0); w.u16(0) }
        }
    }

    mutating func enhancedPacket(interfaceID: UInt32, ticks: UInt64, data: [UInt8], originalLength: UInt32) {
        block(type: 6) { w in
            w.u32(interfaceID); w.u32(UInt32(ticks >> 32)); w.u32(UInt32(truncatingIfNeeded: ticks))
            w.u32(UInt32(data.count)); w.u32(originalLength); w.bytes += data
        }
    }

    mutating func obsoletePacket(interfaceID: UInt16, ticks: UInt64, data: [UInt8], originalLength: UInt32) {
        block(type: 2) { w in
            w.u16(interfaceID); w.u16(0); w.u32(UInt32(ticks >> 32)); w.u32(UInt32(truncatingIfNeeded: ticks))
            w.u32(UInt32(data.count)); w.u32(originalLength); w.bytes += data
        }
    }

    mutating func simplePacket(data: [UInt8], originalLength: UInt32) {
        block(type: 3) { w in w.u32(originalLength); w.bytes += data }
    }

    /// A block type nobody reads (a custom block), which readers must skip.
    mutating func unknownBlock() {
        block(type: 0x0000_0BAD) { w in w.bytes += [1, 2, 3, 4, 5] }
    }
}


/// The same table over both byte orders and both resolutions.
let orderAndPrecision: [(Endianness, TimestampPrecision)] = Endianness.allCases.flatMap { order in
    [TimestampPrecision.microseconds, .nanoseconds].map { (order, $0) }
}

/// A few packets of various sizes, with boundary-valued fields.
func samplePackets(precision: TimestampPrecision) -> [RecordSpec] {
    let top = precision.unitsPerSecond - 1
    return [
        RecordSpec(seconds: 1_700_000_000, fraction: 123, data: Array(0..<60), originalLength: 60),
        RecordSpec(seconds: 0, fraction: 0, data: [], originalLength: 0),
        RecordSpec(seconds: 1, fraction: top, data: [0xFF, 0, 0x7F], originalLength: 1514),
        RecordSpec(seconds: UInt32(Int32.max), fraction: 1, data: Array(repeating: 0xAB, count: 7), originalLength: 7),
    ]
}
