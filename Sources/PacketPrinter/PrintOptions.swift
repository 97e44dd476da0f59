import PcapFile

/// How packets are printed: tcpdump's `-n`, `-e`, `-q`, `-t…`, `-x…`, `-A`, `-v` and `-#`.
public struct PrintOptions: Sendable {
    /// How many `-n` flags: 0 asks the resolver for host and port names; 1 or more prints
    /// numbers only (tcpdump 4.99's `-n` already keeps ports numeric).
    public var numeric: Int
    /// Whether the link-layer header is printed (`-e`).
    public var linkHeader: Bool
    /// Whether lines are shortened (`-q`).
    public var quiet: Bool
    /// What each line starts with (`-t` … `-ttttt`).
    public var timestamps: TimestampStyle
    /// Which bytes are dumped after each line (`-x`, `-xx`, `-X`, `-XX`, `-A`).
    public var dump: PayloadDump
    /// Verbosity (`-v` counts); only the first level changes lines today.
    public var verbosity: Int
    /// The fraction digits of time stamps: 6 or 9 (`--nano`).
    public var precision: TimestampPrecision

    /// Creates options; the defaults print what `tcpdump -n` prints.
    public init(numeric: Int = 1, linkHeader: Bool = false, quiet: Bool = false,
                timestamps: TimestampStyle = .timeOfDay, dump: PayloadDump = .none, verbosity: Int = 0,
                precision: TimestampPrecision = .microseconds) {
        self.numeric = numeric
        self.linkHeader = linkHeader
        self.quiet = quiet
        self.timestamps = timestamps
        self.dump = dump
        self.verbosity = verbosity
        self.precision = precision
    }
}

/// What starts each line, as tcpdump's `-t` count chooses.
public enum TimestampStyle: Sendable, Equatable {
    /// `HH:MM:SS.ffffff` in local time (no `-t`).
    case timeOfDay
    /// Nothing (`-t`).
    case none
    /// Seconds since the epoch, `1767323045.000000` (`-tt`).
    case epoch
    /// The time since the previous packet, ` 00:00:01.000123` (`-ttt`).
    case sincePrevious
    /// Date and local time, `2026-01-02 03:04:05.000000` (`-tttt`).
    case dateAndTime
    /// The time since the first packet (`-ttttt`).
    case sinceFirst

    /// The style for a count of `-t` flags.
    public init(count: Int) {
        switch count {
        case 0: self = .timeOfDay
        case 1: self = .none
        case 2: self = .epoch
        case 3: self = .sincePrevious
        case 4: self = .dateAndTime
        default: self = .sinceFirst
        }
    }
}

/// The bytes dumped below each line.
public enum PayloadDump: Sendable, Equatable {
    /// No dump.
    case none
    /// Hexadecimal (`-x`; `-xx` with the link header).
    case hex(includingLinkHeader: Bool)
    /// Hexadecimal and ASCII (`-X`; `-XX` with the link header).
    case hexAndASCII(includingLinkHeader: Bool)
    /// ASCII only (`-A`), from the network header on.
    case ascii
}
