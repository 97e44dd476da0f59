import BPF
import PcapFile

/// Where a capture loop sends packets and reports: the command line's writer and printer.
public protocol PacketSink {
    /// Takes one captured packet (valid only during the call); returns false to stop the
    /// capture (the reader of a pipe went away).
    mutating func consume(_ packet: PacketView) throws -> Bool
    /// Flushes buffered output (SIGUSR2, and the end of the capture).
    mutating func flush() throws
    /// Shows the statistics so far (SIGUSR1).
    mutating func reportStatistics(_ statistics: CaptureStatistics)
}

/// Why a capture loop ended.
public enum CaptureEnd: Hashable, Sendable {
    /// `-c`'s count was reached.
    case countReached
    /// A stop request (a signal) arrived.
    case stopRequested
    /// The sink refused more packets (a closed pipe).
    case sinkClosed
    /// The source has no more packets (in-memory sources).
    case sourceExhausted
    /// The device failed (it went down or disappeared); the packets already accepted were
    /// delivered first.
    case failed(LiveCaptureError)
}

extension CaptureEnd {
    /// Whether the kernel may still hold packets the capture should take before it ends (a
    /// stop request or a failing device, not a reached count or a closed output).
    var leavesPacketsBehind: Bool {
        switch self {
        case .stopRequested, .failed: true
        case .countReached, .sinkClosed, .sourceExhausted: false
        }
    }
}

/// The capture loop: takes frames from a source, filters them in user space when the
/// kernel does not, applies the direction rules, builds the saved frames and hands them to
/// a sink, honouring the packet limit and the requests that arrive.
public struct CaptureLoop {
    /// The program run in user space, when the kernel does not run it.
    public var userSpaceFilter: Interpreter?
    /// Which directions `-Q` keeps.
    public var direction: CaptureDirection
    /// The loopback interface index: its outgoing copies are dropped (each `lo` packet is
    /// seen twice), as libpcap does.
    public var loopbackIndex: Int32?
    /// Stop after this many packets (`-c`).
    public var packetLimit: Int?
    /// Builds the saved frames.
    public let assembler: FrameAssembler

    /// The counters so far.
    public private(set) var statistics = CaptureStatistics()

    /// Creates a loop.
    public init(assembler: FrameAssembler, userSpaceFilter: Interpreter? = nil, direction: CaptureDirection = .both,
                loopbackIndex: Int32? = nil, packetLimit: Int? = nil) {
        self.assembler = assembler
        self.userSpaceFilter = userSpaceFilter
        self.direction = direction
        self.loopbackIndex = loopbackIndex
        self.packetLimit = packetLimit
    }

    /// Runs until the limit, a stop request, a closed sink, or a device failure. After a stop
    /// request or a failure it waits up to one delivery delay for the packets the kernel
    /// already accepted, so none are lost. The kernel's counters are read at the end.
    public mutating func run<Source: PacketSource, Control: CaptureControl, Sink: PacketSink>(
        source: inout Source, control: inout Control, sink: inout Sink
    ) throws -> CaptureEnd {
        var end: CaptureEnd?
        while end == nil {
            let requests = control.takeRequests()
            if requests.contains(.reportStatistics) {
                statistics.add(try source.takeStatistics())
                sink.reportStatistics(statistics)
            }
            if requests.contains(.flush) { try sink.flush() }
            if requests.contains(.stop) { end = .stopRequested; break }
            do {
                let outcome = try source.receive(timeoutMilliseconds: -1, wake: control.wakeDescriptor) { frame, bytes in
                    try self.handle(frame, bytes, sink: &sink, end: &end)
                }
                if outcome == .exhausted && end == nil { end = .sourceExhausted }
            } catch let error as LiveCaptureError {
                end = .failed(error)
            }
        }
        if end?.leavesPacketsBehind ?? true {
            try drain(&source, sink: &sink)
        }
        try sink.flush()
        statistics.add(try source.takeStatistics())
        return end ?? .stopRequested
    }

    /// Takes the packets the kernel still holds, waiting at most one delivery delay.
    private mutating func drain<Source: PacketSource, Sink: PacketSink>(_ source: inout Source, sink: inout Sink) throws {
        let deadline = Clock.milliseconds() + Int64(source.deliveryDelayMilliseconds) + 50
        var end: CaptureEnd?
        while source.hasPendingPackets && end == nil {
            let remaining = deadline - Clock.milliseconds()
            if remaining <= 0 { break }
            let outcome = try? source.receive(timeoutMilliseconds: Int32(remaining), wake: nil) { frame, bytes in
                try self.handle(frame, bytes, sink: &sink, end: &end)
            }
            if outcome == nil || outcome == .exhausted { break }
        }
    }

    /// One frame: filter, direction, assembly, sink, limit. Returns whether to go on.
    private mutating func handle<Sink: PacketSink>(_ frame: RingFrame, _ bytes: UnsafeRawBufferPointer,
                                                   sink: inout Sink, end: inout CaptureEnd?) throws -> Bool {
        let (view, wireLength) = assembler.filterView(frame, bytes)
        if let userSpaceFilter {
            let kept = userSpaceFilter.run(view, wireLength: wireLength, metadata: assembler.metadata(frame))
            if kept == 0 { return true }
        }
        if frame.isOutgoing {
            if frame.interfaceIndex == loopbackIndex || direction == .incoming { return true }
        } else if direction == .outgoing {
            return true
        }
        let (saved, savedLength) = assembler.savedFrame(frame, view: view, wireLength: wireLength)
        let packet = PacketView(timestamp: frame.timestamp, originalLength: savedLength, bytes: saved,
                                linkType: assembler.layer.linkType)
        statistics.captured &+= 1
        if try !sink.consume(packet) {
            end = .sinkClosed
            return false
        }
        if let packetLimit, statistics.captured >= UInt64(packetLimit) {
            end = .countReached
            return false
        }
        return true
    }
}

/// The monotonic clock, for deadlines.
enum Clock {
    static func milliseconds() -> Int64 { Syscalls.monotonicMilliseconds() }
}
