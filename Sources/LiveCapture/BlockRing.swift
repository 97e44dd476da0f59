import CLinuxPacket
import PcapFile

/// A mapped TPACKET_V3 receive ring, walked block by block in order.
///
/// The kernel fills one block at a time and hands it over (`TP_STATUS_USER`) when it is full
/// or its retire timer fires; we read its packets and give it back (`TP_STATUS_KERNEL`). The
/// status word is read with acquire and written with release ordering, so the packets are
/// visible before we read them and our reads are done before the kernel refills the block.
struct BlockRing {
    let configuration: RingConfiguration
    private let base: UnsafeMutableRawPointer
    private var current = 0
    private static let userStatus = UInt32(TP_STATUS_USER)
    private static let kernelStatus = UInt32(TP_STATUS_KERNEL)
    private static let statusOffset = MemoryLayout<tpacket_block_desc>.offset(of: \tpacket_block_desc.hdr.bh1.block_status) ?? 8
    private static let countOffset = MemoryLayout<tpacket_block_desc>.offset(of: \tpacket_block_desc.hdr.bh1.num_pkts) ?? 12
    /// Where the `sockaddr_ll` sits after each packet header.
    private static let addressOffset = Int(swiftdump_tpacket_align(UInt32(MemoryLayout<tpacket3_hdr>.size)))

    /// Asks the kernel for the ring and maps it.
    init(descriptor: Int32, configuration: RingConfiguration) throws(SystemCallError) {
        self.configuration = configuration
        var request = tpacket_req3()
        request.tp_block_size = UInt32(configuration.blockSize)
        request.tp_block_nr = UInt32(configuration.blockCount)
        // One frame per block: V3 packs packets of any size into a block, frames only
        // satisfy the kernel's bookkeeping.
        request.tp_frame_size = UInt32(configuration.blockSize)
        request.tp_frame_nr = UInt32(configuration.blockCount)
        request.tp_retire_blk_tov = UInt32(configuration.retireTimeoutMilliseconds)
        try Syscalls.setOption(descriptor, level: SOL_PACKET, name: PACKET_RX_RING, request, call: "PACKET_RX_RING")
        base = try Syscalls.mapShared(descriptor, length: configuration.mappedLength)
    }

    func unmap() {
        Syscalls.unmap(base, length: configuration.mappedLength)
    }

    private func block(_ index: Int) -> UnsafeMutableRawPointer {
        base + index * configuration.blockSize
    }

    private func status(_ index: Int) -> UInt32 {
        swiftdump_load_acquire((block(index) + Self.statusOffset).assumingMemoryBound(to: UInt32.self))
    }

    /// Whether the next block to read belongs to us.
    var blockIsReady: Bool { status(current) & Self.userStatus != 0 }

    /// Whether the kernel's open block already holds packets that its timer will hand over.
    var hasPendingPackets: Bool {
        if blockIsReady { return true }
        let count = swiftdump_load_acquire((block(current) + Self.countOffset).assumingMemoryBound(to: UInt32.self))
        return count > 0
    }

    /// Hands every packet of every ready block to `body`, in order, giving each block back
    /// when done. Stops early (still giving the block back) when `body` returns false.
    mutating func deliverReadyBlocks(_ body: (RingFrame, UnsafeRawBufferPointer) throws -> Bool) throws {
        while blockIsReady {
            let start = block(current)
            defer {
                swiftdump_store_release((start + Self.statusOffset).assumingMemoryBound(to: UInt32.self), Self.kernelStatus)
                current = (current + 1) % configuration.blockCount
            }
            let descriptor = start.assumingMemoryBound(to: tpacket_block_desc.self).pointee.hdr.bh1
            var offset = Int(descriptor.offset_to_first_pkt)
            for _ in 0..<descriptor.num_pkts {
                guard offset > 0, offset + Self.addressOffset + MemoryLayout<sockaddr_ll>.size <= configuration.blockSize
                else { break }
                let packet = start + offset
                let header = packet.assumingMemoryBound(to: tpacket3_hdr.self).pointee
                let address = (packet + Self.addressOffset).assumingMemoryBound(to: sockaddr_ll.self).pointee
                let dataStart = offset + Int(header.tp_mac)
                let length = min(Int(header.tp_snaplen), max(0, configuration.blockSize - dataStart))
                let bytes = UnsafeRawBufferPointer(start: start + dataStart, count: length)
                let vlanValid = header.tp_status & UInt32(TP_STATUS_VLAN_VALID) != 0 || header.hv1.tp_vlan_tci != 0
                let tpidValid = header.tp_status & UInt32(TP_STATUS_VLAN_TPID_VALID) != 0 || header.hv1.tp_vlan_tpid != 0
                var linkAddress: UInt64 = 0
                withUnsafeBytes(of: address.sll_addr) { bytes in
                    withUnsafeMutableBytes(of: &linkAddress) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.prefix(8))) }
                }
                let frame = RingFrame(
                    timestamp: Timestamp(seconds: Int64(header.tp_sec), nanoseconds: header.tp_nsec),
                    wireLength: header.tp_len, packetType: address.sll_pkttype, interfaceIndex: address.sll_ifindex,
                    hardwareType: address.sll_hatype, protocolType: UInt16(bigEndian: address.sll_protocol),
                    linkAddressLength: address.sll_halen, linkAddress: linkAddress,
                    vlanTag: vlanValid ? VLANTag(controlInformation: UInt16(truncatingIfNeeded: header.hv1.tp_vlan_tci),
                                                 protocolIdentifier: tpidValid ? header.hv1.tp_vlan_tpid : 0x8100) : nil)
                if try !body(frame, bytes) { return }
                guard header.tp_next_offset > 0 else { break }
                offset += Int(header.tp_next_offset)
            }
        }
    }
}
