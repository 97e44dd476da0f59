#if canImport(Glibc)
import Glibc
#endif
import PcapFile

/// The time stamp at the start of each line, in tcpdump's `-t…` styles.
///
/// Local time comes from `localtime_r`; the last second's text is cached because most
/// packets share their second with the one before.
struct LineClock {
    private var first: Timestamp?
    private var previous: Timestamp?
    private var cachedSecond: Int64 = .min
    private var cachedDate: [UInt8] = []
    private var cachedTime: [UInt8] = []

    mutating func write(_ stamp: Timestamp, options: PrintOptions, to out: inout TextBuffer) {
        switch options.timestamps {
        case .none:
            return
        case .timeOfDay where stamp.seconds < 0, .dateAndTime where stamp.seconds < 0:
            // tcpdump refuses to convert times before the epoch.
            out.write("[Error converting time]")
        case .timeOfDay:
            localTime(stamp.seconds)
            out.bytes.append(contentsOf: cachedTime)
            fraction(stamp, options.precision, &out)
        case .epoch:
            out.signed(stamp.seconds)
            fraction(stamp, options.precision, &out)
        case .dateAndTime:
            localTime(stamp.seconds)
            out.bytes.append(contentsOf: cachedDate)
            out.write(byte: 0x20)
            out.bytes.append(contentsOf: cachedTime)
            fraction(stamp, options.precision, &out)
        case .sincePrevious, .sinceFirst:
            let reference = (options.timestamps == .sinceFirst ? first : previous) ?? stamp
            if first == nil { first = stamp }
            previous = stamp
            delta(from: reference, to: stamp, options.precision, &out)
        }
        out.write(byte: 0x20)
    }

    private func fraction(_ stamp: Timestamp, _ precision: TimestampPrecision, _ out: inout TextBuffer) {
        out.write(byte: 0x2e)
        switch precision {
        case .microseconds: out.decimal(stamp.nanoseconds / 1000, width: 6)
        case .nanoseconds: out.decimal(stamp.nanoseconds, width: 9)
        }
    }

    /// ` HH:MM:SS.ffffff` (or `-…` when time went backwards), as tcpdump's `-ttt`/`-ttttt`.
    private func delta(from reference: Timestamp, to stamp: Timestamp, _ precision: TimestampPrecision,
                       _ out: inout TextBuffer) {
        // tcpdump subtracts stamps at the printed precision.
        let unit: Int64 = precision == .microseconds ? 1000 : 1
        let total = (stamp.seconds &- reference.seconds) &* 1_000_000_000
            &+ (Int64(stamp.nanoseconds) / unit &- Int64(reference.nanoseconds) / unit) &* unit
        let negative = total < 0
        let magnitude = total.magnitude
        let seconds = magnitude / 1_000_000_000
        let nanos = magnitude % 1_000_000_000
        out.write(byte: negative ? 0x2d : 0x20)
        out.decimal(seconds / 3600, width: 2)
        out.write(byte: 0x3a)
        out.decimal(seconds / 60 % 60, width: 2)
        out.write(byte: 0x3a)
        out.decimal(seconds % 60, width: 2)
        out.write(byte: 0x2e)
        switch precision {
        case .microseconds: out.decimal(nanos / 1000, width: 6)
        case .nanoseconds: out.decimal(nanos, width: 9)
        }
    }

    private mutating func localTime(_ seconds: Int64) {
        if seconds == cachedSecond { return }
        cachedSecond = seconds
        var clock = time_t(truncatingIfNeeded: seconds)
        var broken = tm()
        var text = TextBuffer()
        guard localtime_r(&clock, &broken) != nil else {
            cachedTime = Array("??:??:??".utf8)
            cachedDate = Array("????-??-??".utf8)
            return
        }
        text.decimal(Int(broken.tm_hour), width: 2)
        text.write(byte: 0x3a)
        text.decimal(Int(broken.tm_min), width: 2)
        text.write(byte: 0x3a)
        text.decimal(Int(broken.tm_sec), width: 2)
        cachedTime = text.bytes
        var date = TextBuffer()
        date.decimal(Int(broken.tm_year) + 1900, width: 4)
        date.write(byte: 0x2d)
        date.decimal(Int(broken.tm_mon) + 1, width: 2)
        date.write(byte: 0x2d)
        date.decimal(Int(broken.tm_mday), width: 2)
        cachedDate = date.bytes
    }
}
