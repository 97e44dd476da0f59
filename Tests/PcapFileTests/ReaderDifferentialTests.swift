import TestSupport
import PcapFile
import Testing

/// A small multi-packet pcapng file exercising every packet block kind, options and an
/// unknown block, in one byte order and one resolution.
func samplePcapng(_ endianness: Endianness, _ precision: TimestampPrecision) -> [UInt8] {
    var builder = PcapngBuilder(endianness: endianness)
    builder.section()
    builder.unknownBlock()
    builder.interface(linkType: 1, snapshotLength: 200, tsresol: precision == .nanoseconds ? 9 : nil, tsoffset: 5)
    builder.interface(linkType: 1, snapshotLength: 200, tsresol: 0x80 | 20)
    let unit: UInt64 = precision == .nanoseconds ? 1_000_000_000 : 1_000_000
    builder.enhancedPacket(interfaceID: 0, ticks: 1_700_000_000 * unit + 77, data: Array(0..<60), originalLength: 60)
    builder.unknownBlock()
    builder.enhancedPacket(interfaceID: 1, ticks: 3 << 20 | 12345, data: [1, 2, 3], originalLength: 1514)
    builder.obsoletePacket(interfaceID: 1, ticks: 7 << 20, data: [9, 9], originalLength: 2)
    builder.simplePacket(data: Array(repeating: 0xEE, count: 21), originalLength: 21)
    builder.enhancedPacket(interfaceID: 0, ticks: 0, data: [], originalLength: 0)
    return builder.bytes
}

@Suite struct ReaderDifferentialTests {
    @Test(arguments: orderAndPrecision)
    func pcapTableReadsLikeLibpcap(order: Endianness, precision: TimestampPrecision) {
        let file = PcapBuilder(endianness: order, precision: precision).build(samplePackets(precision: precision))
        let ours = ourRead(file), theirs = libpcapRead(file)
        #expect(ours == theirs)
        #expect(ours.packets.count == 4 && ours.error == nil)
    }

    @Test(arguments: orderAndPrecision)
    func pcapngTableReadsLikeLibpcap(order: Endianness, precision: TimestampPrecision) {
        let file = samplePcapng(order, precision)
        let ours = ourRead(file), theirs = libpcapRead(file)
        #expect(ours == theirs)
        #expect(ours.packets.count == 5 && ours.error == nil)
    }

    /// Cutting the file at every byte: the packets before the cut, then libpcap's error —
    /// or a clean end exactly at a record boundary.
    @Test(arguments: orderAndPrecision)
    func truncationAtEveryOffsetMatchesLibpcap(order: Endianness, precision: TimestampPrecision) {
        for file in [PcapBuilder(endianness: order, precision: precision).build(samplePackets(precision: precision)),
                     samplePcapng(order, precision)] {
            var cleanEnds = 0
            for cut in 0..<file.count {
                let prefix = Array(file[0..<cut])
                let ours = ourRead(prefix), theirs = libpcapRead(prefix)
                #expect(ours == theirs, "cut at \(cut): ours \(ours), libpcap \(theirs)")
                if ours.error == nil { cleanEnds += 1 }
            }
            #expect(cleanEnds >= 4, "clean ends at record boundaries")
        }
    }

    /// Errors point at the record or block that could not be read.
    @Test(arguments: orderAndPrecision)
    func errorsCarryTheOffsetOfTheDamagedRecord(order: Endianness, precision: TimestampPrecision) throws {
        let pcap = PcapBuilder(endianness: order, precision: precision).build(samplePackets(precision: precision))
        // Records start at 24, 24+16+60 = 100, 116, 135; cut inside the third record's data.
        let reader = try CaptureFileReader(bytes: Array(pcap[0..<(116 + 17)]))
        #expect(try reader.next() != nil)
        #expect(try reader.next() != nil)
        #expect(throws: CaptureFileError(.truncatedPacketData(expected: 3, got: 1), at: 116)) { try reader.next() }

        let pcapng = samplePcapng(order, precision)
        let ngReader = try CaptureFileReader(bytes: Array(pcapng[0..<(pcapng.count - 2)]))
        var offset: UInt64? = nil
        do { while try ngReader.next() != nil {} } catch { offset = error.offset }
        // The last block is an enhanced packet block of 32 bytes with no data.
        #expect(offset == UInt64(pcapng.count - 32))
        #expect(throws: CaptureFileError(.unknownFormat, at: 0)) { try CaptureFileReader(bytes: [1, 2, 3, 4, 5]) }
    }

    @Test(arguments: [
        ("bad magic", PcapBuilder(magic: 0xDEAD_BEEF), "unknown file format"),
        ("archaic", PcapBuilder(major: 1, minor: 0), "archaic pcap savefile format"),
        ("2.5", PcapBuilder(major: 2, minor: 5), "unsupported pcap savefile version 2.5"),
        ("3.0", PcapBuilder(major: 3, minor: 0), "unsupported pcap savefile version 3.0"),
        ("dg/ux", PcapBuilder(major: 543, minor: 0), nil),
        ("2.2 swapped lengths", PcapBuilder(major: 2, minor: 2), nil),
        ("2.3 guessed lengths", PcapBuilder(major: 2, minor: 3), nil),
        ("kuznetzov", PcapBuilder(magic: 0xa1b2_cd34), nil),
        ("snaplen 0", PcapBuilder(snapshotLength: 0), nil),
        ("tiny snaplen", PcapBuilder(snapshotLength: 2), nil),
        ("huge snaplen", PcapBuilder(snapshotLength: 0xFFFF_FFFF), nil),
        ("fcs bits", PcapBuilder(linkTypeField: 0x2400_0001), nil),
    ] as [(String, PcapBuilder, String?)])
    func pcapHeaderVariantsReadLikeLibpcap(name: String, builder: PcapBuilder, openError: String?) {
        for order in Endianness.allCases {
            var builder = builder
            builder.endianness = order
            let file = builder.build(samplePackets(precision: .microseconds))
            let ours = ourRead(file), theirs = libpcapRead(file)
            #expect(ours == theirs, "\(name) \(order)")
            if let openError { #expect(ours.error == openError) }
        }
    }

    @Test(arguments: [
        ("caplen above snaplen, below maximum", UInt32(100), UInt32(3000)),
        ("caplen above maximum", 100, 262_145),
        ("caplen above maximum and snaplen 0", 0, 0x7FFF_FFFF),
        ("caplen 2^32-1", 65535, 0xFFFF_FFFF),
    ])
    func absurdCaptureLengthsFailLikeLibpcap(name: String, snapshot: UInt32, captureLength: UInt32) {
        for order in Endianness.allCases {
            var records = samplePackets(precision: .microseconds)
            records.insert(RecordSpec(seconds: 5, fraction: 5, data: Array(repeating: 1, count: 3000),
                                      originalLength: 3000, captureLength: captureLength), at: 1)
            let file = PcapBuilder(endianness: order, snapshotLength: snapshot).build(records)
            let ours = ourRead(file), theirs = libpcapRead(file)
            #expect(ours == theirs, "\(name) \(order)")
            #expect(ours.packets.count >= 1)
        }
    }

    /// libpcap 1.10.3 sign-extends a pcap record's seconds and sub-second fields when the
    /// file is in this machine's byte order (but not when swapped); the format defines them
    /// unsigned, and we read them so, so that times after January 2038 work.
    @Test func timeFieldsAreUnsignedWhereLibpcapSignExtends() throws {
        let record = RecordSpec(seconds: 0x8000_0000, fraction: 5, data: [1], originalLength: 1)
        let native = PcapBuilder(endianness: .little).build([record])
        let swapped = PcapBuilder(endianness: .big).build([record])
        #expect(libpcapRead(native).packets.first?.seconds == -2_147_483_648)
        #expect(libpcapRead(swapped).packets.first?.seconds == 2_147_483_648)
        for file in [native, swapped] {
            let packet = try #require(try CaptureFileReader(bytes: file).next())
            #expect(packet.timestamp == Timestamp(seconds: 2_147_483_648, nanoseconds: 5000))
        }
    }

    /// Random byte damage to valid files: ours and libpcap must agree on every packet and
    /// on the message. pcapng files keep one byte order and link type, where we agree.
    @Test func randomlyDamagedFilesReadLikeLibpcap() {
        let seed = SeededGenerator.announcedSeed(for: "randomlyDamagedFilesReadLikeLibpcap")
        var random = SeededGenerator(seed: seed)
        var disagreements = 0
        for round in 0..<20000 {
            let (order, precision) = orderAndPrecision[round % orderAndPrecision.count]
            var file = round % 2 == 0
                ? PcapBuilder(endianness: order, precision: precision).build(samplePackets(precision: precision))
                : samplePcapng(order, precision)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0..<file.count, using: &random)
                file[at] = Bool.random(using: &random) ? UInt8.random(in: 0...255, using: &random)
                    : [0, 0xFF, 0x7F, 0x80][Int.random(in: 0..<4, using: &random)]
            }
            let ours = ourRead(file), theirs = libpcapRead(file)
            // Damage can turn the link type into one whose pseudo-header libpcap rewrites
            // (pseudoHeadersOfSwappedFilesAreNotRewrittenYet names that gap): not comparable.
            if let dlt = theirs.linkTypeDLT, linkTypesWithRewrittenPseudoHeaders.contains(dlt) { continue }
            let theirsUnsigned = libpcapRead(file, unsignedTimeFields: true)
            if ours != theirs && ours != theirsUnsigned && !deliberateDifference(ours: ours, theirs: theirs)
                && !deliberateDifference(ours: ours, theirs: theirsUnsigned) {
                disagreements += 1
                if disagreements <= 5 {
                    let firstDifference = zip(ours.packets, theirs.packets).first { $0 != $1 }
                    Issue.record("seed \(seed) round \(round): ours \(ours) libpcap \(theirs) \(firstDifference.map { "\($0) vs \($1)" } ?? "") bytes \(file)")
                }
            }
        }
        #expect(disagreements == 0, "seed \(seed)")
    }
}

/// DLT_USB_LINUX, DLT_USB_LINUX_MMAPPED and DLT_NFLOG: libpcap byte-swaps these packets'
/// pseudo-headers when the file's byte order is not the machine's (and fixes up old USB
/// lengths); our reader delivers the file's bytes as they are.
let linkTypesWithRewrittenPseudoHeaders: Set<Int32> = [189, 220, 239]

/// The one known gap in reading like libpcap: a byte-swapped file of a link type whose
/// pseudo-header libpcap rewrites delivers different packet bytes.
@Test func pseudoHeadersOfSwappedFilesAreNotRewrittenYet() {
    let record = RecordSpec(seconds: 1, fraction: 2, data: Array(0..<64), originalLength: 64)
    let file = PcapBuilder(endianness: .big, linkTypeField: 189).build([record])
    withKnownIssue("libpcap's swap_pseudo_headers is not implemented in PcapFile") {
        #expect(ourRead(file) == libpcapRead(file))
    }
}

/// Damage that makes libpcap stop where we deliberately continue: a second interface of
/// another link type or snapshot length (we give packets their own), or a section header
/// claiming another byte order.
func deliberateDifference(ours: ReadOutcome, theirs: ReadOutcome) -> Bool {
    if let dlt = theirs.linkTypeDLT, dlt > 0xFFFF {
        // Reserved bits in a pcap header's link-type field: libpcap 1.10.3 keeps them in
        // the DLT, master (and we) take the low 16 bits.
        var adjusted = theirs
        adjusted.linkTypeDLT = Int32(bitPattern: LinkType(rawValue: UInt32(dlt) & 0xFFFF).dlt)
        return adjusted == ours
    }
    guard let error = theirs.error,
          error.hasPrefix("an interface has a")
            || error == "the file has sections with different byte orders"
    else { return false }
    return Array(ours.packets.prefix(theirs.packets.count)) == theirs.packets
}
