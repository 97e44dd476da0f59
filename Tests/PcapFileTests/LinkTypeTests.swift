import CLibpcap
import Glibc
import PcapFile
import Testing

/// The DLT_ values libpcap 1.10.3 names, from libpcap itself.
private let namedDLTs: [Int32] = (0...300).filter { pcap_datalink_val_to_name($0) != nil }

@Suite struct LinkTypeTests {
    @Test func everyNamedDLTHasLibpcapsNameAndDescription() {
        #expect(namedDLTs.count > 140)
        for dlt in namedDLTs {
            guard let name = pcap_datalink_val_to_name(dlt).map({ String(cString: $0) }),
                  let description = pcap_datalink_val_to_description(dlt).map({ String(cString: $0) })
            else { Issue.record("libpcap lost DLT \(dlt)"); continue }
            let linkType = LinkType(dlt: UInt32(dlt))
            #expect(linkType != nil, "DLT \(dlt) \(name)")
            #expect(linkType?.dlt == UInt32(dlt))
            #expect(linkType?.dltName == name, "DLT \(dlt)")
            #expect(linkType?.dltDescription == description, "DLT \(dlt)")
            #expect(linkType?.description == "\(name) (\(description))")
        }
    }

    @Test func namesResolveCaseInsensitivelyLikeLibpcap() {
        for dlt in namedDLTs {
            guard let name = pcap_datalink_val_to_name(dlt).map({ String(cString: $0) }) else { continue }
            for spelling in [name, name.lowercased(), "dlt_" + name, name + "x"] {
                let theirs = pcap_datalink_name_to_val(spelling)
                let ours = LinkType(dltName: spelling)
                #expect(ours.map { Int32($0.dlt) } ?? -1 == theirs, "\(spelling)")
            }
        }
        #expect(LinkType(dltName: "en10mb") == .ethernet)
        #expect(LinkType(dltName: "RAW") == .raw)
        #expect(LinkType.raw.dlt == 12)
        #expect(LinkType(rawValue: 100).dlt == 11)
        #expect(LinkType.ethernet.description == "EN10MB (Ethernet)")
    }

    /// libpcap's linktype_to_dlt, observed through pcap_datalink on a file header.
    @Test func linkTypeToDLTMatchesLibpcapForEveryValue() {
        for value: UInt32 in 0...300 {
            let file = PcapBuilder(linkTypeField: value).build([])
            let theirs = libpcapRead(file).linkTypeDLT
            #expect(theirs == Int32(LinkType(rawValue: value).dlt), "LINKTYPE \(value)")
        }
    }

    /// libpcap's dlt_to_linktype, observed through the header pcap_dump_open writes.
    @Test func dltToLinkTypeMatchesLibpcapForEveryValue() throws {
        let path = "/tmp/swiftdump-linktype-\(getpid()).pcap"
        defer { unlink(path) }
        for dlt: Int32 in 0...300 {
            let handle = try #require(pcap_open_dead(dlt, 65535))
            defer { pcap_close(handle) }
            guard let dumper = pcap_dump_open(handle, path) else {
                #expect(LinkType(dlt: UInt32(dlt)) == nil, "DLT \(dlt) cannot be saved")
                continue
            }
            pcap_dump_close(dumper)
            let header = try #require(readFile(path))
            let written = header[20..<24].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
            #expect(LinkType(dlt: UInt32(dlt))?.rawValue == written, "DLT \(dlt)")
        }
    }

    /// max_snaplen_for_dlt, observed through the snapshot length of a header saying 0.
    @Test func maximumSnapshotLengthMatchesLibpcapForEveryValue() {
        for value: UInt32 in 0...300 {
            let theirs = libpcapRead(PcapBuilder(snapshotLength: 0, linkTypeField: value).build([])).snapshotLength
            #expect(theirs.map(UInt32.init) == LinkType(rawValue: value).maximumSnapshotLength, "LINKTYPE \(value)")
        }
    }

    @Test(arguments: [
        (UInt32(1), LinkType.ethernet, Int?.none, UInt32(0)),
        (0x0400_0001, .ethernet, 0, 0),
        (0x2400_0069, .ieee802_11, 4, 0),
        (0xF400_0001, .ethernet, 30, 0),
        (0x8000_0001, .ethernet, nil, 0),  // a length without the F bit means nothing
        (0x0030_0000, .null, nil, 0x0030_0000),
    ])
    func headerFieldSplitsLinkTypeAndFCS(raw: UInt32, linkType: LinkType, fcs: Int?, reserved: UInt32) {
        let field = LinkTypeField(rawValue: raw)
        #expect(field.linkType == linkType)
        #expect(field.fcsLength == fcs)
        #expect(field.reservedBits == reserved)
        if raw & 0x8000_0000 == 0 || fcs != nil { #expect(field.rawValue == raw) }
    }

    @Test func fcsFieldRoundTripsThroughConstruction() {
        for bytes in stride(from: 0, through: 30, by: 2) {
            let field = LinkTypeField(linkType: .ethernet, fcsLength: bytes)
            #expect(LinkTypeField(rawValue: field.rawValue) == field)
        }
    }
}

/// The whole contents of a file, or nil.
func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let got = fread(&chunk, 1, chunk.count, file)
        if got == 0 { return bytes }
        bytes += chunk[0..<got]
    }
}
