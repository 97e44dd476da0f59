import BPF
import PcapFile

/// Turns what the ring hands over into the frames swiftdump saves, as libpcap's
/// `pcap_handle_packet_mmap` does: builds the cooked header in front of cooked packets,
/// and puts back the 802.1Q tag the kernel took out (Ethernet and LINUX_SLL only).
///
/// It owns two scratch buffers; the bytes it returns stay valid until its next call.
public final class FrameAssembler {
    /// The layout of the frames built.
    public let layer: DeviceLinkLayer
    /// Captured bytes beyond this are cut (the snapshot length).
    public let snapshotLength: Int
    private let cooked: UnsafeMutableRawBufferPointer
    private let tagged: UnsafeMutableRawBufferPointer

    /// Creates an assembler for frames of `layer`, cut to `snapshotLength` bytes.
    public init(layer: DeviceLinkLayer, snapshotLength: UInt32) {
        self.layer = layer
        self.snapshotLength = Int(snapshotLength)
        // The largest frame: a whole block's worth of packet plus a header and a tag.
        let capacity = RingConfiguration.blockSize + 64
        cooked = .allocate(byteCount: capacity, alignment: 8)
        tagged = .allocate(byteCount: capacity, alignment: 8)
    }

    deinit {
        cooked.deallocate()
        tagged.deallocate()
    }

    /// The frame as a filter sees it: the cooked header plus the packet for cooked sockets,
    /// else the bytes as delivered. Its length on the wire is the second value.
    public func filterView(_ frame: RingFrame, _ bytes: UnsafeRawBufferPointer) -> (UnsafeRawBufferPointer, UInt32) {
        guard let header = layer.cookedHeader else { return (bytes, frame.wireLength) }
        let headerLength = header.length
        let count = min(bytes.count, cooked.count - headerLength)
        writeCookedHeader(header, frame)
        if count > 0, let source = bytes.baseAddress, let destination = cooked.baseAddress {
            (destination + headerLength).copyMemory(from: source, byteCount: count)
        }
        return (UnsafeRawBufferPointer(rebasing: cooked[0..<(headerLength + count)]),
                frame.wireLength &+ UInt32(headerLength))
    }

    /// The frame to save: `view` (from ``filterView(_:_:)``) with the removed VLAN tag put
    /// back, cut to the snapshot length, and its length on the wire.
    public func savedFrame(_ frame: RingFrame, view: UnsafeRawBufferPointer, wireLength: UInt32)
        -> (UnsafeRawBufferPointer, UInt32) {
        var bytes = view
        var length = wireLength
        if let tag = frame.vlanTag, let offset = layer.vlanInsertionOffset, view.count >= offset,
           let source = view.baseAddress, let destination = tagged.baseAddress {
            let count = min(view.count, tagged.count - 4)
            destination.copyMemory(from: source, byteCount: offset)
            let tpid = tag.protocolIdentifier == 0 ? 0x8100 : tag.protocolIdentifier
            destination.storeBytes(of: tpid.bigEndian, toByteOffset: offset, as: UInt16.self)
            destination.storeBytes(of: tag.controlInformation.bigEndian, toByteOffset: offset + 2, as: UInt16.self)
            (destination + offset + 4).copyMemory(from: source + offset, byteCount: count - offset)
            bytes = UnsafeRawBufferPointer(rebasing: tagged[0..<(count + 4)])
            length = length &+ 4
        }
        if bytes.count > snapshotLength {
            bytes = UnsafeRawBufferPointer(rebasing: bytes[0..<snapshotLength])
        }
        return (bytes, length)
    }

    /// What the kernel's filter would have known about the packet, for filtering in user space.
    public func metadata(_ frame: RingFrame) -> PacketMetadata {
        PacketMetadata(protocol: frame.protocolType, packetType: frame.packetType,
                       interfaceIndex: UInt32(bitPattern: frame.interfaceIndex), hardwareType: frame.hardwareType,
                       vlanTCI: frame.vlanTag?.controlInformation ?? 0, vlanTagPresent: frame.vlanTag != nil,
                       vlanTPID: frame.vlanTag?.protocolIdentifier ?? 0,
                       networkHeaderOffset: layer.cookedHeader.map { UInt32($0.length) } ?? 0)
    }

    private func writeCookedHeader(_ header: CookedHeader, _ frame: RingFrame) {
        guard let base = cooked.baseAddress else { return }
        // libpcap copies all eight address bytes; the kernel wrote only `halen`, so the
        // rest are zeroed here.
        let length = min(Int(frame.linkAddressLength), 8)
        var address = frame.linkAddress
        withUnsafeMutableBytes(of: &address) { bytes in
            for index in length..<8 { bytes[index] = 0 }
        }
        switch header {
        case .version1:
            base.storeBytes(of: UInt16(frame.packetType).bigEndian, toByteOffset: 0, as: UInt16.self)
            base.storeBytes(of: frame.hardwareType.bigEndian, toByteOffset: 2, as: UInt16.self)
            base.storeBytes(of: UInt16(frame.linkAddressLength).bigEndian, toByteOffset: 4, as: UInt16.self)
            base.storeBytes(of: address, toByteOffset: 6, as: UInt64.self)
            base.storeBytes(of: frame.protocolType.bigEndian, toByteOffset: 14, as: UInt16.self)
        case .version2:
            base.storeBytes(of: frame.protocolType.bigEndian, toByteOffset: 0, as: UInt16.self)
            base.storeBytes(of: UInt16(0), toByteOffset: 2, as: UInt16.self)
            base.storeBytes(of: UInt32(bitPattern: frame.interfaceIndex).bigEndian, toByteOffset: 4, as: UInt32.self)
            base.storeBytes(of: frame.hardwareType.bigEndian, toByteOffset: 8, as: UInt16.self)
            base.storeBytes(of: frame.packetType, toByteOffset: 10, as: UInt8.self)
            base.storeBytes(of: frame.linkAddressLength, toByteOffset: 11, as: UInt8.self)
            base.storeBytes(of: address, toByteOffset: 12, as: UInt64.self)
        }
    }
}
