/// Reads a pcapng file block by block, streaming, and returns its packets.
///
/// Section header blocks may appear anywhere and in either byte order; each starts a new
/// set of interfaces. Interface description blocks give each packet its link type,
/// snapshot length and timestamp units (`if_tsresol`, `if_tsoffset`). Enhanced, simple and
/// obsolete packet blocks yield packets; other blocks are skipped.
///
/// Errors use libpcap 1.10.3's wording. Two deliberate differences: libpcap refuses files
/// whose interfaces differ in link type or snapshot length, and files whose sections
/// change byte order; we read both (every packet carries its own link type).
public final class PcapngReader {
    /// The interfaces described so far in the current section, indexed by interface ID.
    public private(set) var interfaces: [PcapngInterface] = []
    /// The first interface of the file, which libpcap reports as the file's.
    public private(set) var firstInterface = PcapngInterface(linkType: .null, snapshotLength: 0)
    /// Whether the current section was written in the opposite byte order to this machine's.
    public var isByteSwapped: Bool { order.swapped }
    /// The pcapng block type of a section header block (the same in both byte orders).
    static let sectionHeaderType: UInt32 = 0x0A0D_0D0A
    private static let byteOrderMagic: UInt32 = 0x1A2B_3C4D

    private let source: ByteSource
    private var order: ByteOrder
    private var blockMaximum = PcapngLimits.initialBlockMaximum

    /// One block read whole: its type, its body between header and trailer, its offset.
    private struct Block {
        let type: UInt32
        let body: UnsafeRawBufferPointer
        let offset: UInt64
    }

    /// Opens the pcapng file at `path` (`-` reads standard input).
    public convenience init(path: String) throws(CaptureFileError) {
        try self.init(source: ByteSource.open(path: path))
    }

    /// Reads a pcapng file held in memory.
    public convenience init(bytes: [UInt8]) throws(CaptureFileError) {
        try self.init(source: ByteSource(bytes: bytes))
    }

    /// Reads the first section header and blocks up to the first interface description.
    init(source: ByteSource) throws(CaptureFileError) {
        self.source = source
        let have = try source.fill(12)
        guard have >= 4 else { throw CaptureFileError(.truncatedFileHeader(expected: 4, got: have), at: 0) }
        let start = source.bytes(have)
        // Too short to hold the byte-order magic: libpcap calls it "not pcapng".
        guard start.loadUnaligned(as: UInt32.self) == Self.sectionHeaderType, have >= 12
        else { throw CaptureFileError(.unknownFormat, at: 0) }
        let magic = start.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
        guard magic == Self.byteOrderMagic || magic == Self.byteOrderMagic.byteSwapped
        else { throw CaptureFileError(.unknownFormat, at: 0) }
        order = ByteOrder(swapped: magic != Self.byteOrderMagic)
        let length = order.u32(start, 4)
        guard length >= 28 && length <= PcapngLimits.sectionHeaderMaximum else {
            throw CaptureFileError(.invalidSectionHeaderLength(length), at: 0)
        }
        let got = try source.fill(Int(length))
        guard got >= Int(length) else {
            throw CaptureFileError(.truncatedBlock(expected: Int(length) - 12, got: got - 12), at: 0)
        }
        let header = source.bytes(Int(length))
        let major = order.u16(header, 12), minor = order.u16(header, 14)
        guard major == 1 && (minor == 0 || minor == 2) else {
            throw CaptureFileError(.unsupportedPcapngVersion(major: major, minor: minor), at: 0)
        }
        // libpcap does not check the first section header's trailer; neither do we.
        source.consume(Int(length))
        while true {
            guard let block = try readBlock() else { throw CaptureFileError(.noInterfaces, at: source.offset) }
            switch block.type {
            case 1:
                try addInterface(block)
            case 2, 3, 6:
                throw CaptureFileError(.packetBeforeInterface, at: block.offset)
            case Self.sectionHeaderType:
                try startSection(block)
            default:
                continue
            }
            if let first = interfaces.first {
                firstInterface = first
                return
            }
        }
    }

    /// The next packet, lent until the next call, or nil at the end of the file.
    public func nextPacketView() throws(CaptureFileError) -> PacketView? {
        while let block = try readBlock() {
            switch block.type {
            case 6: return try enhancedPacket(block)
            case 3: return try simplePacket(block)
            case 2: return try obsoletePacket(block)
            case 1: try addInterface(block)
            case Self.sectionHeaderType: try startSection(block)
            default: continue
            }
        }
        return nil
    }

    /// The next packet as an owned copy, or nil at the end of the file.
    public func next() throws(CaptureFileError) -> CapturedPacket? {
        try nextPacketView()?.copy()
    }

    /// Reads one whole block into the window, or returns nil at a clean end of file.
    private func readBlock() throws(CaptureFileError) -> Block? {
        let offset = source.offset
        let have = try source.fill(12)
        if have == 0 { return nil }
        guard have >= 8 else { throw CaptureFileError(.truncatedBlock(expected: 8, got: have), at: offset) }
        var start = source.bytes(have)
        var blockOrder = order
        if start.loadUnaligned(as: UInt32.self) == Self.sectionHeaderType && have >= 12 {
            // A new section declares its own byte order; libpcap 1.10.3 assumes the old one.
            let magic = start.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
            if magic == Self.byteOrderMagic || magic == Self.byteOrderMagic.byteSwapped {
                blockOrder = ByteOrder(swapped: magic != Self.byteOrderMagic)
            }
        }
        let type = blockOrder.u32(start, 0), length = blockOrder.u32(start, 4)
        guard length >= 12 else { throw CaptureFileError(.blockTooSmall(length: length), at: offset) }
        guard length % 4 == 0 else { throw CaptureFileError(.blockLengthNotMultipleOfFour(length: length), at: offset) }
        guard length <= blockMaximum else {
            throw CaptureFileError(.blockTooLarge(length: length, maximum: blockMaximum), at: offset)
        }
        let size = Int(length)
        let got = try source.fill(size)
        guard got >= size else {
            throw CaptureFileError(.truncatedBlock(expected: size - 8, got: got - 8), at: offset)
        }
        start = source.bytes(size)
        let trailer = blockOrder.u32(start, size - 4)
        guard trailer == length else {
            throw CaptureFileError(.blockLengthMismatch(header: length, trailer: trailer), at: offset)
        }
        source.consume(size)
        if type == Self.sectionHeaderType { order = blockOrder }
        return Block(type: type, body: UnsafeRawBufferPointer(rebasing: start[8..<(size - 4)]), offset: offset)
    }

    private func startSection(_ block: Block) throws(CaptureFileError) {
        guard block.body.count >= 16 else { throw CaptureFileError(.blockTooShort(blockType: block.type), at: block.offset) }
        guard order.u32(block.body, 0) == Self.byteOrderMagic else {
            throw CaptureFileError(.badByteOrderMagic, at: block.offset)
        }
        let major = order.u16(block.body, 4)
        guard major == 1 else { throw CaptureFileError(.unknownPcapngMajorVersion(major), at: block.offset) }
        interfaces.removeAll(keepingCapacity: true)
    }

    private func addInterface(_ block: Block) throws(CaptureFileError) {
        let interface: PcapngInterface
        do {
            interface = try PcapngInterface(body: block.body, order: order)
        } catch {
            throw CaptureFileError(error, at: block.offset)
        }
        interfaces.append(interface)
        blockMaximum = max(blockMaximum, PcapngLimits.blockMaximum(for: interface.linkType))
    }

    private func enhancedPacket(_ block: Block) throws(CaptureFileError) -> PacketView {
        let body = block.body
        guard body.count >= 20 else { throw CaptureFileError(.blockTooShort(blockType: 6), at: block.offset) }
        let ticks = UInt64(order.u32(body, 4)) << 32 | UInt64(order.u32(body, 8))
        return try packet(block, interfaceID: order.u32(body, 0), ticks: ticks,
                          captureLength: order.u32(body, 12), originalLength: order.u32(body, 16), dataAt: 20)
    }

    private func obsoletePacket(_ block: Block) throws(CaptureFileError) -> PacketView {
        let body = block.body
        guard body.count >= 20 else { throw CaptureFileError(.blockTooShort(blockType: 2), at: block.offset) }
        let ticks = UInt64(order.u32(body, 4)) << 32 | UInt64(order.u32(body, 8))
        return try packet(block, interfaceID: UInt32(order.u16(body, 0)), ticks: ticks,
                          captureLength: order.u32(body, 12), originalLength: order.u32(body, 16), dataAt: 20)
    }

    /// A simple packet block has no timestamp and no captured length: it arrived on the
    /// first interface and holds min(length, snapshot length) bytes.
    private func simplePacket(_ block: Block) throws(CaptureFileError) -> PacketView {
        let body = block.body
        guard body.count >= 4 else { throw CaptureFileError(.blockTooShort(blockType: 3), at: block.offset) }
        let originalLength = order.u32(body, 0)
        guard let first = interfaces.first else { throw CaptureFileError(.unknownInterface(0), at: block.offset) }
        return try packet(block, interfaceID: 0, ticks: 0,
                          captureLength: min(originalLength, first.effectiveSnapshotLength),
                          originalLength: originalLength, dataAt: 4)
    }

    private func packet(_ block: Block, interfaceID: UInt32, ticks: UInt64, captureLength: UInt32,
                        originalLength: UInt32, dataAt start: Int) throws(CaptureFileError) -> PacketView {
        guard interfaceID < interfaces.count else {
            throw CaptureFileError(.unknownInterface(interfaceID), at: block.offset)
        }
        let interface = interfaces[Int(interfaceID)]
        let snapshot = interface.effectiveSnapshotLength
        guard captureLength <= snapshot else {
            throw CaptureFileError(.captureLengthExceedsSnapshot(captureLength: captureLength, snapshotLength: snapshot),
                                   at: block.offset)
        }
        guard block.body.count - start >= Int(captureLength) else {
            throw CaptureFileError(.blockTooShort(blockType: block.type), at: block.offset)
        }
        let bytes = UnsafeRawBufferPointer(rebasing: block.body[start..<(start + Int(captureLength))])
        return PacketView(timestamp: interface.timestamp(ticks: ticks), originalLength: originalLength,
                          bytes: bytes, linkType: interface.linkType, interfaceIndex: Int(interfaceID))
    }
}
