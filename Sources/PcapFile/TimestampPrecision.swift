/// The resolution of the sub-second part of timestamps in a pcap file, chosen by its magic
/// number (0xa1b2c3d4 for microseconds, 0xa1b23c4d for nanoseconds).
public enum TimestampPrecision: Sendable, Hashable {
    /// Sub-second fields count microseconds.
    case microseconds
    /// Sub-second fields count nanoseconds.
    case nanoseconds

    /// Sub-second units per second.
    public var unitsPerSecond: UInt32 {
        switch self {
        case .microseconds: 1_000_000
        case .nanoseconds: 1_000_000_000
        }
    }

    /// Nanoseconds per sub-second unit.
    var nanosecondsPerUnit: UInt32 {
        switch self {
        case .microseconds: 1000
        case .nanoseconds: 1
        }
    }
}

extension Timestamp {
    /// A timestamp from a seconds field and a sub-second field in `precision` units; a
    /// sub-second value of a second or more (corrupt files) carries into the seconds.
    public init(seconds: Int64, fraction: Int64, precision: TimestampPrecision) {
        let nanoseconds = fraction &* Int64(precision.nanosecondsPerUnit)
        let (carry, remainder) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        let borrow: Int64 = remainder < 0 ? 1 : 0
        self.init(seconds: seconds &+ carry &- borrow,
                  nanoseconds: UInt32(truncatingIfNeeded: remainder + borrow * 1_000_000_000))
    }

    /// The sub-second part in `precision` units, truncated (as libpcap scales nanoseconds
    /// down to microseconds).
    public func fraction(in precision: TimestampPrecision) -> UInt32 {
        nanoseconds / precision.nanosecondsPerUnit
    }
}
