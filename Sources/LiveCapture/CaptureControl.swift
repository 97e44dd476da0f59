/// What the user asked of a running capture, through signals or otherwise.
public struct CaptureRequests: OptionSet, Hashable, Sendable {
    /// The raw bits.
    public var rawValue: UInt8
    /// Creates requests from bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Stop: take what the kernel already accepted, flush, report (SIGINT, SIGTERM, SIGHUP).
    public static let stop = CaptureRequests(rawValue: 1)
    /// Report the statistics so far and go on (SIGUSR1).
    public static let reportStatistics = CaptureRequests(rawValue: 2)
    /// Flush the output file and go on (SIGUSR2).
    public static let flush = CaptureRequests(rawValue: 4)
}

/// Where a capture loop learns of requests while it waits for packets.
public protocol CaptureControl {
    /// A descriptor that becomes readable when requests are pending, so a waiting source
    /// wakes; nil when requests only arrive between batches.
    var wakeDescriptor: Int32? { get }
    /// The requests since the previous call.
    mutating func takeRequests() -> CaptureRequests
}

/// Requests from signals, read through a `signalfd`: the signals are blocked, so no handler
/// ever runs (nothing can interrupt a write halfway), and the descriptor wakes `poll`.
public struct SignalControl: CaptureControl {
    /// The `signalfd`.
    public let wakeDescriptor: Int32?

    /// Blocks SIGINT, SIGTERM, SIGHUP, SIGUSR1 and SIGUSR2 for this (single) thread and
    /// receives them through a descriptor instead.
    public init() throws(LiveCaptureError) {
        do {
            wakeDescriptor = try Syscalls.signalDescriptor(Syscalls.stopSignals + [Syscalls.reportSignal, Syscalls.flushSignal])
        } catch {
            throw .captureFailed(error)
        }
    }

    /// The signals received since the previous call, as requests.
    public mutating func takeRequests() -> CaptureRequests {
        guard let fd = wakeDescriptor else { return [] }
        var requests: CaptureRequests = []
        for signal in Syscalls.readSignals(fd) {
            switch signal {
            case Syscalls.reportSignal: requests.insert(.reportStatistics)
            case Syscalls.flushSignal: requests.insert(.flush)
            default: requests.insert(.stop)
            }
        }
        return requests
    }
}
