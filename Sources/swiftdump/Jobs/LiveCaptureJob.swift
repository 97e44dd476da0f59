import BPF
import LiveCapture
import PacketPrinter
import PcapFile
import PcapFilter
#if canImport(Glibc)
import Glibc
#endif

/// `-i IFACE`: capture live, keep what the filter accepts, and write it (`-w`) or print a
/// line for each, then report tcpdump's statistics.
///
/// SIGINT, SIGTERM and SIGHUP stop the capture after the packets the kernel already accepted
/// are taken, the output is flushed and the statistics printed (exit 0); SIGUSR1 prints the
/// statistics and goes on; SIGUSR2 flushes the file.
struct LiveCaptureJob {
    private let interface: String
    private let settings: CaptureSettings
    private let direction: CaptureDirection
    private let packetLimit: Int?
    private let precision: TimestampPrecision
    private let filter: FilterOptions
    private let outputFile: String?
    private let flushesEachPacket: Bool
    private let printsPackets: Bool
    private let numbered: Bool
    private let flushesEachLine: Bool
    private let countOnly: Bool
    private let printOptions: PrintOptions
    private let resolver: any PrinterNameResolver

    init(interface: String, capture: CaptureOptions, input: InputOptions, output: OutputOptions,
         printing: PrintingOptions, filter: FilterOptions) throws {
        self.interface = interface
        direction = try capture.direction
        packetLimit = try input.packetLimit
        precision = try input.precision
        self.filter = filter
        outputFile = output.writeFile
        flushesEachPacket = output.packetBuffered
        printsPackets = output.printsPackets && !output.countOnly
        numbered = output.numbered
        countOnly = output.countOnly
        printOptions = printing.printOptions(precision: precision)
        resolver = printing.resolver()
        let toTerminal = isatty(1) == 1
        flushesEachLine = capture.lineBuffered || toTerminal
        // tcpdump's rule: a short block timeout when lines go to a terminal or with -l, so
        // packets do not show up a second late; --immediate-mode hands over each packet
        // within a millisecond (a 1 ms V3 timeout: send-to-file latency measured in the same
        // range as libpcap's TPACKET_V2 ring, see LiveCaptureTests).
        let timeout = capture.immediateMode ? 1 : (printsPackets && (toTerminal || capture.lineBuffered) ? 100 : 1000)
        settings = CaptureSettings(
            snapshotLength: try filter.snapLength, promiscuous: !capture.noPromiscuousMode,
            ring: RingConfiguration(bufferKiB: try capture.bufferKiB, retireTimeoutMilliseconds: timeout),
            nanosecondTimestamps: precision == .nanoseconds)
    }

    func run() throws {
        if interface == "any" {
            StandardError.write("swiftdump: data link type LINUX_SLL2\n")
        }
        var program: Program?
        let snapLength = settings.snapshotLength
        let socket = try PacketSocket(device: interface, settings: settings) { layer in
            let target = CompilationTarget(linkLayer: try LinkLayer.forCompiling(layer.linkType),
                                           snapLength: snapLength, source: .liveLinux)
            let compiled = try filter.program(for: target)
            program = compiled
            return compiled
        }
        var userSpaceFilter: Interpreter?
        if case .userSpace(let warning) = socket.userSpaceFiltering {
            if let warning { StandardError.write(warning + "\n") }
            if let program { userSpaceFilter = try Interpreter(program) }
        }
        let linkType = socket.layer.linkType
        let writer = try outputFile.map { file in
            try PcapWriter(path: file, linkType: LinkTypeField(linkType: linkType), snapshotLength: snapLength,
                           precision: precision, flushesEachPacket: flushesEachPacket)
        }
        // Signals are taken over before the banner: a test (or a user) may signal as soon as
        // it appears.
        var control = try SignalControl()
        let description = linkType.dltName.map { name in "\(name) (\(linkType.dltDescription ?? name))" } ?? "\(linkType)"
        if printsPackets && printOptions.verbosity == 0 {
            StandardError.write("swiftdump: verbose output suppressed, use -v[v]... for full protocol decode\n")
        }
        StandardError.write((printsPackets ? "" : "swiftdump: ")
            + "listening on \(socket.deviceName), link-type \(description), snapshot length \(snapLength) bytes\n")

        var loop = CaptureLoop(assembler: FrameAssembler(layer: socket.layer, snapshotLength: snapLength),
                               userSpaceFilter: userSpaceFilter, direction: direction,
                               loopbackIndex: socket.loopbackIndex, packetLimit: packetLimit)
        var sink = LiveSink(writer: writer, lines: printsPackets ? FileDescriptorOutput(fd: 1) : nil,
                            printer: PacketPrinter(options: printOptions, resolver: resolver), numbered: numbered,
                            flushesEachLine: flushesEachLine)
        var source = socket
        let end = try loop.run(source: &source, control: &control, sink: &sink)
        // A reader that went away ends the capture quietly, as tcpdump does.
        if let writer, let error = Self.failure({ () throws(CaptureFileWriteError) in try writer.close() }),
           error != .brokenPipe {
            throw error
        }
        if case .failed(let error) = end {
            StandardError.write("swiftdump: \(error)\n")
        }
        if countOnly {
            let captured = loop.statistics.captured
            let lines = FileDescriptorOutput(fd: 1)
            lines.write("\(captured) packet\(captured == 1 ? "" : "s")\n")
            lines.flush()
        }
        StandardError.write(loop.statistics.report)
        if case .failed = end { exit(1) }
    }
}

extension LiveCaptureJob {
    /// The error `body` threw, or nil.
    static func failure(_ body: () throws(CaptureFileWriteError) -> Void) -> CaptureFileWriteError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }
}

/// The live capture's output: the `-w` file and/or one line per packet.
private struct LiveSink: PacketSink {
    let writer: PcapWriter?
    let lines: FileDescriptorOutput?
    var printer: PacketPrinter
    let numbered: Bool
    let flushesEachLine: Bool
    var count = 0

    mutating func consume(_ packet: PacketView) throws -> Bool {
        count += 1
        if let writer {
            if let error = LiveCaptureJob.failure({ () throws(CaptureFileWriteError) in try writer.write(packet) }) {
                if error == .brokenPipe { return false }
                throw error
            }
        }
        if let lines {
            let number = numbered ? count : nil
            lines.append { printer.append(packet, number: number, to: &$0) }
            if flushesEachLine { lines.flush() }
            if lines.readerClosed { return false }
        }
        return true
    }

    mutating func flush() throws {
        lines?.flush()
        if let writer, let error = LiveCaptureJob.failure({ () throws(CaptureFileWriteError) in try writer.flush() }),
           error != .brokenPipe {
            throw error
        }
    }

    mutating func reportStatistics(_ statistics: CaptureStatistics) {
        StandardError.write("swiftdump: " + statistics.summaryLine)
    }
}
