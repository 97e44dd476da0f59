import BPF
import Foundation
import LiveCapture
import PcapFile
import PcapFilter
import Testing

/// The capture loop over an in-memory source: `-c`, signals, statistics, direction rules,
/// user-space filtering and the writer, without sockets.
@Suite struct CaptureLoopTests {
    static func batches(_ count: Int, of size: Int) -> [[(RingFrame, [UInt8])]] {
        (0..<count).map { batch in (0..<size).map { Frames.frame(Frames.ethernet(UInt8(batch * size + $0))) } }
    }

    static func loop(limit: Int? = nil, direction: CaptureDirection = .both, filter: Interpreter? = nil,
                     loopback: Int32? = nil, snap: UInt32 = 262_144) -> CaptureLoop {
        CaptureLoop(assembler: FrameAssembler(layer: DeviceLinkLayer(hardwareType: 1), snapshotLength: snap),
                    userSpaceFilter: filter, direction: direction, loopbackIndex: loopback, packetLimit: limit)
    }

    @Test func countStopsAtNEvenMidBatch() throws {
        var source = MemoryPacketSource(batches: Self.batches(3, of: 4))
        var control = ScriptedControl()
        var sink = RecordingSink()
        var loop = Self.loop(limit: 5)
        let end = try loop.run(source: &source, control: &control, sink: &sink)
        #expect(end == .countReached)
        #expect(sink.packets.map { $0.data[14] } == [0, 1, 2, 3, 4])
        #expect(loop.statistics.captured == 5)
        // The kernel had handed over 8 (two batches): received counts them, captured does not.
        #expect(loop.statistics.receivedByFilter == 8)
        #expect(sink.flushes == 1)
    }

    @Test func stopRequestStillTakesWhatTheKernelAccepted() throws {
        var source = MemoryPacketSource(batches: Self.batches(3, of: 2))
        var control = ScriptedControl([1: .stop])
        var sink = RecordingSink()
        var loop = Self.loop()
        let end = try loop.run(source: &source, control: &control, sink: &sink)
        #expect(end == .stopRequested)
        // One batch before the stop; the other two were already in the ring and are drained.
        #expect(sink.packets.count == 6)
        #expect(loop.statistics == CaptureStatistics(captured: 6, receivedByFilter: 6, droppedByKernel: 0))
    }

    @Test func statisticsAreRunningTotalsOfClearOnReadCounters() throws {
        var source = MemoryPacketSource(batches: Self.batches(3, of: 2))
        source.extraDrops = 3
        var control = ScriptedControl([1: .reportStatistics, 2: .reportStatistics])
        var sink = RecordingSink()
        var loop = Self.loop()
        let end = try loop.run(source: &source, control: &control, sink: &sink)
        #expect(end == .sourceExhausted)
        #expect(sink.reports == [
            CaptureStatistics(captured: 2, receivedByFilter: 5, droppedByKernel: 3),
            CaptureStatistics(captured: 4, receivedByFilter: 7, droppedByKernel: 3),
        ])
        #expect(loop.statistics == CaptureStatistics(captured: 6, receivedByFilter: 9, droppedByKernel: 3))
        #expect(source.statisticsReads == 3)
    }

    @Test func flushRequestFlushesAndGoesOn() throws {
        var source = MemoryPacketSource(batches: Self.batches(3, of: 1))
        var control = ScriptedControl([1: .flush, 2: .flush])
        var sink = RecordingSink()
        var loop = Self.loop()
        _ = try loop.run(source: &source, control: &control, sink: &sink)
        #expect(sink.flushes == 3)  // two requests and the end
        #expect(sink.packets.count == 3)
    }

    @Test func closedSinkEndsTheCapture() throws {
        var source = MemoryPacketSource(batches: Self.batches(2, of: 3))
        var control = ScriptedControl()
        var sink = RecordingSink(refuseAfter: 2)
        var loop = Self.loop()
        #expect(try loop.run(source: &source, control: &control, sink: &sink) == .sinkClosed)
        #expect(sink.packets.count == 2)
    }

    /// Each `lo` packet appears twice (outgoing, then incoming): the outgoing copy is dropped
    /// in user space, but the kernel counted both.
    @Test func loopbackOutgoingCopiesAreDroppedButCounted() throws {
        let batch = (0..<3).flatMap { index in
            [Frames.frame(Frames.ethernet(UInt8(index)), packetType: 4, interfaceIndex: 1),
             Frames.frame(Frames.ethernet(UInt8(index)), packetType: 0, interfaceIndex: 1)]
        }
        var source = MemoryPacketSource(batches: [batch])
        var control = ScriptedControl()
        var sink = RecordingSink()
        var loop = Self.loop(loopback: 1)
        _ = try loop.run(source: &source, control: &control, sink: &sink)
        #expect(sink.packets.map { $0.data[14] } == [0, 1, 2])
        #expect(loop.statistics == CaptureStatistics(captured: 3, receivedByFilter: 6, droppedByKernel: 0))
    }

    @Test(arguments: [(CaptureDirection.both, [0, 1, 2, 3]), (.incoming, [0, 2]), (.outgoing, [1, 3])])
    func directionIsAppliedInUserSpace(direction: CaptureDirection, kept: [UInt8]) throws {
        let batch = (0..<4).map { Frames.frame(Frames.ethernet(UInt8($0)), packetType: $0 % 2 == 1 ? 4 : 0) }
        var source = MemoryPacketSource(batches: [batch])
        var control = ScriptedControl()
        var sink = RecordingSink()
        var loop = Self.loop(direction: direction)
        _ = try loop.run(source: &source, control: &control, sink: &sink)
        #expect(sink.packets.map { $0.data[14] } == kept)
        #expect(loop.statistics.receivedByFilter == 4)
    }

    /// The fallback filter sees the packet as the kernel would (tag removed, in the metadata),
    /// and the saved frame gets the tag back.
    @Test func userSpaceFilterSeesKernelMetadata() throws {
        let target = CompilationTarget(linkLayer: .ethernet, snapLength: 262_144, source: .liveLinux)
        let program = try FilterCompiler().compile("vlan 100", for: target, resolver: SystemNameResolver(), optimize: true)
        let frames = [
            Frames.frame(Frames.ethernet(1), vlan: VLANTag(controlInformation: 0xa064)),
            Frames.frame(Frames.ethernet(2), vlan: VLANTag(controlInformation: 101)),
            Frames.frame(Frames.ethernet(3)),
        ]
        var source = MemoryPacketSource(batches: [frames])
        var control = ScriptedControl()
        var sink = RecordingSink()
        var loop = Self.loop(filter: try Interpreter(program))
        _ = try loop.run(source: &source, control: &control, sink: &sink)
        #expect(sink.packets.count == 1)
        #expect(Array(sink.packets.first?.data[12..<16] ?? []) == [0x81, 0x00, 0xa0, 0x64])
        #expect(sink.packets.first?.data[18] == 1)
        #expect(sink.packets.first?.originalLength == 64)
        #expect(loop.statistics.receivedByFilter == 3)
    }

    /// Live packets go through the same writer as files: what the loop captured reads back
    /// identically, timestamps in the precision asked for.
    @Test(arguments: [TimestampPrecision.microseconds, .nanoseconds])
    func writerRoundTripsCapturedPackets(precision: TimestampPrecision) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString).pcap").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let frames = [Frames.frame(Frames.ethernet(7), vlan: VLANTag(controlInformation: 5, protocolIdentifier: 0x88a8)),
                      Frames.frame(Frames.ethernet(8, length: 300))]
        var source = MemoryPacketSource(batches: [frames])
        var control = ScriptedControl()
        var sink = RecordingSink(writer: try PcapWriter(path: path, linkType: LinkTypeField(linkType: .ethernet),
                                                        snapshotLength: 100, precision: precision))
        var loop = Self.loop(snap: 100)
        _ = try loop.run(source: &source, control: &control, sink: &sink)
        try sink.writer?.close()
        let reader = try CaptureFileReader(path: path)
        var read: [CapturedPacket] = []
        while let packet = try reader.nextPacketView() { read.append(packet.copy()) }
        #expect(read.map(\.data) == sink.packets.map(\.data))
        #expect(read.map(\.originalLength) == [64, 300])
        #expect(read.map(\.data.count) == [64, 100])
        let nanoseconds: UInt32 = precision == .nanoseconds ? 123_456_789 : 123_456_000
        #expect(read.allSatisfy { $0.timestamp == Timestamp(seconds: 1_700_000_000, nanoseconds: nanoseconds) })
    }
}
