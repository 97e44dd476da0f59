import LiveCapture
import PcapFile

/// A packet source in memory: batches of frames as a ring would hand them over, with the
/// kernel's clear-on-read counters. Every frame counts as received by the filter when it is
/// handed over; `extraDrops` adds packets the "kernel" dropped.
struct MemoryPacketSource: PacketSource {
    var layer: DeviceLinkLayer
    var batches: [[(RingFrame, [UInt8])]]
    var extraDrops: UInt64 = 0
    var deliveryDelayMilliseconds: Int32 = 5
    private var receivedSinceRead: UInt64 = 0
    private(set) var statisticsReads = 0

    init(layer: DeviceLinkLayer = DeviceLinkLayer(hardwareType: 1), batches: [[(RingFrame, [UInt8])]]) {
        self.layer = layer
        self.batches = batches
    }

    var hasPendingPackets: Bool { !batches.isEmpty }

    mutating func receive(timeoutMilliseconds: Int32, wake: Int32?,
                          _ body: (RingFrame, UnsafeRawBufferPointer) throws -> Bool) throws -> ReceiveOutcome {
        guard !batches.isEmpty else { return .exhausted }
        let batch = batches.removeFirst()
        receivedSinceRead += UInt64(batch.count)
        for (frame, bytes) in batch {
            let goOn = try bytes.withUnsafeBytes { try body(frame, $0) }
            if !goOn { break }
        }
        return .delivered
    }

    mutating func takeStatistics() throws(LiveCaptureError) -> KernelStatistics {
        statisticsReads += 1
        defer { receivedSinceRead = 0; extraDrops = 0 }
        return KernelStatistics(received: receivedSinceRead + extraDrops, dropped: extraDrops)
    }
}

/// Requests scripted by the number of the `takeRequests` call they arrive at (0 first).
struct ScriptedControl: CaptureControl {
    var script: [Int: CaptureRequests]
    private var calls = 0
    var wakeDescriptor: Int32? { nil }

    init(_ script: [Int: CaptureRequests] = [:]) { self.script = script }

    mutating func takeRequests() -> CaptureRequests {
        defer { calls += 1 }
        return script[calls] ?? []
    }
}

/// Keeps copies of what it receives, and optionally writes them to a pcap file.
struct RecordingSink: PacketSink {
    var packets: [CapturedPacket] = []
    var flushes = 0
    var reports: [CaptureStatistics] = []
    var refuseAfter: Int?
    var writer: PcapWriter?

    mutating func consume(_ packet: PacketView) throws -> Bool {
        packets.append(packet.copy())
        try writer?.write(packet)
        if let refuseAfter, packets.count >= refuseAfter { return false }
        return true
    }

    mutating func flush() throws {
        flushes += 1
        try writer?.flush()
    }

    mutating func reportStatistics(_ statistics: CaptureStatistics) {
        reports.append(statistics)
    }
}

/// Frames for the tests: an Ethernet header, a marker byte, padding.
enum Frames {
    static func ethernet(_ marker: UInt8, etherType: UInt16 = 0x0800, length: Int = 60) -> [UInt8] {
        var bytes: [UInt8] = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 1]
        bytes += [UInt8(etherType >> 8), UInt8(etherType & 0xff), marker]
        return bytes + [UInt8](repeating: 0, count: max(0, length - bytes.count))
    }

    static func frame(_ bytes: [UInt8], packetType: UInt8 = 0, interfaceIndex: Int32 = 2, vlan: VLANTag? = nil,
                      second: Int64 = 1_700_000_000) -> (RingFrame, [UInt8]) {
        (RingFrame(timestamp: Timestamp(seconds: second, nanoseconds: 123_456_789), wireLength: UInt32(bytes.count),
                   packetType: packetType, interfaceIndex: interfaceIndex, hardwareType: 1, protocolType: 0x0800,
                   vlanTag: vlan), bytes)
    }
}
