import ArgumentParser
import PcapFile

/// Where packets come from and how many to take (tcpdump's `-r`, `-c` and time-stamp options;
/// live capture's own options are in ``CaptureOptions``).
struct InputOptions: ParsableArguments {
    @Option(name: .customShort("r"), help: ArgumentHelp("Read packets from a pcap or pcapng file ('-' for standard input).", valueName: "file"))
    var readFile: String?

    @Option(name: .customShort("c", allowingJoined: true), help: ArgumentHelp("Exit after N matching packets.", valueName: "count"))
    var countText: String?

    @Option(name: .customLong("time-stamp-precision"), help: ArgumentHelp("Time stamp precision: micro or nano.", valueName: "precision"))
    var precisionText: String?

    @Flag(name: .customLong("micro"), help: "Microsecond time stamps (the default).")
    var micro = false

    @Flag(name: .customLong("nano"), help: "Nanosecond time stamps.")
    var nano = false

    /// The `-c` limit, if any.
    var packetLimit: Int? {
        get throws {
            guard let text = countText else { return nil }
            guard let count = Int(text), count > 0 else {
                throw CommandLineError.invalidPacketCount(text)
            }
            return count
        }
    }

    /// The precision asked for, which sets printed time stamps and the file written by `-w`.
    var precision: TimestampPrecision {
        get throws {
            switch precisionText {
            case nil: return nano ? .nanoseconds : .microseconds
            case "micro": return .microseconds
            case "nano": return .nanoseconds
            case let other?: throw CommandLineError.unsupportedTimestampPrecision(other)
            }
        }
    }

    mutating func validate() throws {
        _ = try packetLimit
        _ = try precision
    }
}
