import LiveCapture
import PcapFile
import Testing

/// Cooked headers and VLAN re-insertion, against the bytes LIVE-CAPTURE.md recorded from
/// libpcap on this kernel.
@Suite struct FrameAssemblerTests {
    /// A broadcast UDP packet that arrived on veth ifindex 2 from 1a:a9:40:d6:d1:6c, as a
    /// cooked socket reports it (the kernel left junk after the six address bytes).
    static let cookedFrame = RingFrame(
        timestamp: Timestamp(seconds: 0, nanoseconds: 0), wireLength: 28, packetType: 1, interfaceIndex: 2,
        hardwareType: 1, protocolType: 0x0800, linkAddressLength: 6,
        linkAddress: UInt64(littleEndian: 0xeeff_6cd1_d640_a91a))
    static let payload: [UInt8] = [0x45] + [UInt8](repeating: 0, count: 27)

    static func hex(_ text: String) -> [UInt8] {
        let digits = Array(text.filter { $0 != " " }.utf8)
        return stride(from: 0, to: digits.count, by: 2).compactMap {
            UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)
        }
    }

    @Test func linuxSLL2HeaderMatchesLibpcap() {
        let assembler = FrameAssembler(layer: .anyDevice, snapshotLength: 262_144)
        Self.payload.withUnsafeBytes { bytes in
            let (view, length) = assembler.filterView(Self.cookedFrame, bytes)
            #expect(Array(view.prefix(20)) == Self.hex("0800 0000 00000002 0001 01 06 1aa940d6d16c0000"))
            #expect(Array(view.dropFirst(20)) == Self.payload)
            #expect(length == 48)
            // libpcap never re-inserts tags into SLL2 (libpcap#1105).
            var tagged = Self.cookedFrame
            tagged.vlanTag = VLANTag(controlInformation: 100)
            let (saved, savedLength) = assembler.savedFrame(tagged, view: view, wireLength: length)
            #expect(Array(saved) == Array(view))
            #expect(savedLength == 48)
        }
    }

    @Test func linuxSLLHeaderMatchesLibpcapAndTakesTheTag() {
        let assembler = FrameAssembler(layer: DeviceLinkLayer(hardwareType: 512), snapshotLength: 262_144)
        #expect(assembler.layer.linkType == .linuxSLL)
        var frame = Self.cookedFrame
        frame.hardwareType = 1
        Self.payload.withUnsafeBytes { bytes in
            let (view, length) = assembler.filterView(frame, bytes)
            #expect(Array(view.prefix(16)) == Self.hex("0001 0001 0006 1aa940d6d16c0000 0800"))
            frame.vlanTag = VLANTag(controlInformation: 0x0064)
            let (saved, savedLength) = assembler.savedFrame(frame, view: view, wireLength: length)
            #expect(Array(saved.prefix(20)) == Self.hex("0001 0001 0006 1aa940d6d16c0000 8100 0064 0800"))
            #expect(Array(saved.dropFirst(20)) == Self.payload)
            #expect(savedLength == length + 4)
        }
    }

    /// The kernel strips the outer tag; libpcap puts it back before the EtherType, whole TCI
    /// (priority bits included) and TPID (0x8100 when the kernel reports none).
    @Test(arguments: [
        (VLANTag(controlInformation: 0xa064), "8100a064"),
        (VLANTag(controlInformation: 0x00c8, protocolIdentifier: 0x88a8), "88a800c8"),
        (VLANTag(controlInformation: 0x0005, protocolIdentifier: 0), "81000005"),
    ])
    func ethernetTagIsReinserted(tag: VLANTag, bytes expected: String) {
        let assembler = FrameAssembler(layer: DeviceLinkLayer(hardwareType: 1), snapshotLength: 262_144)
        let original = Frames.ethernet(9)
        var (frame, _) = Frames.frame(original)
        frame.vlanTag = tag
        original.withUnsafeBytes { bytes in
            let (view, length) = assembler.filterView(frame, bytes)
            #expect(view.baseAddress == bytes.baseAddress)  // raw sockets: no copy to filter
            let (saved, savedLength) = assembler.savedFrame(frame, view: view, wireLength: length)
            #expect(Array(saved) == Array(original[0..<12]) + Self.hex(expected) + Array(original[12...]))
            #expect(savedLength == 64)
        }
    }

    /// The snapshot length applies after the header and the tag are added.
    @Test func snapshotCutsAfterReinsertionAndCookedHeader() {
        let ethernet = FrameAssembler(layer: DeviceLinkLayer(hardwareType: 1), snapshotLength: 16)
        var (frame, bytes) = Frames.frame(Frames.ethernet(1))
        frame.vlanTag = VLANTag(controlInformation: 7)
        bytes.withUnsafeBytes { raw in
            let (view, length) = ethernet.filterView(frame, raw)
            let (saved, savedLength) = ethernet.savedFrame(frame, view: view, wireLength: length)
            #expect(Array(saved) == Array(bytes[0..<12]) + [0x81, 0, 0, 7])
            #expect(savedLength == 64)
        }
        let cooked = FrameAssembler(layer: .anyDevice, snapshotLength: 24)
        Self.payload.withUnsafeBytes { raw in
            let (view, length) = cooked.filterView(Self.cookedFrame, raw)
            let (saved, savedLength) = cooked.savedFrame(Self.cookedFrame, view: view, wireLength: length)
            #expect(saved.count == 24)
            #expect(savedLength == 48)
        }
    }

    /// A tagged frame too short to reach the EtherType is left alone, as libpcap does.
    @Test func shortFrameGetsNoTag() {
        let assembler = FrameAssembler(layer: DeviceLinkLayer(hardwareType: 1), snapshotLength: 262_144)
        let bytes: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        var (frame, _) = Frames.frame(bytes)
        frame.vlanTag = VLANTag(controlInformation: 1)
        bytes.withUnsafeBytes { raw in
            let (saved, length) = assembler.savedFrame(frame, view: raw, wireLength: 8)
            #expect(Array(saved) == bytes)
            #expect(length == 8)
        }
    }
}
