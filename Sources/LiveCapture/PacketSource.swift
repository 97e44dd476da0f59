/// Where a capture loop gets packets: the AF_PACKET ring, or an in-memory source in tests.
///
/// A source hands over frames as the kernel reports them (cooked packets without their
/// header, VLAN tags removed); the loop builds the saved frames.
public protocol PacketSource {
    /// How the frames delivered are laid out.
    var layer: DeviceLinkLayer { get }

    /// Waits until packets are available, `wake` is readable, or `timeoutMilliseconds`
    /// pass (-1: no limit), then hands every available frame to `body` in order.
    /// `body` returns false to stop the delivery at once.
    mutating func receive(timeoutMilliseconds: Int32, wake: Int32?,
                          _ body: (RingFrame, UnsafeRawBufferPointer) throws -> Bool) throws -> ReceiveOutcome

    /// Whether the kernel may still hand over packets it has already accepted (a partly
    /// filled block that retires when its timer runs out).
    var hasPendingPackets: Bool { get }

    /// How long the kernel may hold accepted packets before handing them over, in milliseconds.
    var deliveryDelayMilliseconds: Int32 { get }

    /// The kernel's counters since the previous call (the kernel clears them on each read).
    mutating func takeStatistics() throws(LiveCaptureError) -> KernelStatistics
}

/// How a ``PacketSource/receive(timeoutMilliseconds:wake:_:)`` call ended.
public enum ReceiveOutcome: Hashable, Sendable {
    /// Frames were handed over (or the body stopped the delivery).
    case delivered
    /// Nothing arrived in time.
    case timedOut
    /// The wake descriptor became readable.
    case woken
    /// The source has no more packets and never will (in-memory sources).
    case exhausted
}

/// What `PACKET_STATISTICS` reports for TPACKET_V3, over some interval.
public struct KernelStatistics: Hashable, Sendable {
    /// Packets that passed the kernel filter, including those dropped for lack of room
    /// (`tp_packets`, which V3 counts that way).
    public var received: UInt64
    /// Packets that passed the filter but found the ring full (`tp_drops`).
    public var dropped: UInt64

    /// Creates counters.
    public init(received: UInt64, dropped: UInt64) {
        self.received = received
        self.dropped = dropped
    }

    /// Both counters zero.
    public static let zero = KernelStatistics(received: 0, dropped: 0)
}

/// tcpdump's three counters for a capture so far.
public struct CaptureStatistics: Hashable, Sendable {
    /// Packets handed to the output (after user-space filtering and direction checks).
    public var captured: UInt64
    /// Packets the kernel filter accepted, dropped ones included (`ps_recv`).
    public var receivedByFilter: UInt64
    /// Packets the kernel accepted but had no room for (`ps_drop`).
    public var droppedByKernel: UInt64

    /// Creates counters.
    public init(captured: UInt64 = 0, receivedByFilter: UInt64 = 0, droppedByKernel: UInt64 = 0) {
        self.captured = captured
        self.receivedByFilter = receivedByFilter
        self.droppedByKernel = droppedByKernel
    }

    /// Adds an interval of kernel counters to the running totals (the kernel's own counters
    /// are cleared on every read).
    public mutating func add(_ interval: KernelStatistics) {
        receivedByFilter &+= interval.received
        droppedByKernel &+= interval.dropped
    }

    /// tcpdump's end-of-capture lines, each ending in a newline.
    public var report: String {
        "\(Self.count(captured)) captured\n\(Self.count(receivedByFilter)) received by filter\n"
            + "\(Self.count(droppedByKernel)) dropped by kernel\n"
    }

    /// tcpdump's one-line form for SIGUSR1.
    public var summaryLine: String {
        "\(Self.count(captured)) captured, \(Self.count(receivedByFilter)) received by filter, "
            + "\(Self.count(droppedByKernel)) dropped by kernel\n"
    }

    private static func count(_ value: UInt64) -> String {
        "\(value) packet\(value == 1 ? "" : "s")"
    }
}
