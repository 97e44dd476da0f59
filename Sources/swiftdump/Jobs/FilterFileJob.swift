import BPF
import PcapFile

/// `-r FILE`: read a capture, keep the packets the filter accepts, and write them (`-w`) or
/// print a line for each.
///
/// Everything accepted before an error in the file is written and flushed before the error
/// is reported, so a damaged capture loses nothing that was intact.
struct FilterFileJob {
    private var reader: CaptureFileReader
    private let path: String
    private let interpreter: Interpreter?
    private let packetLimit: Int?
    private let precision: TimestampPrecision
    private let output: OutputOptions

    init(input: InputOptions, output: OutputOptions, program: Program?, path: String) throws {
        self.path = path
        reader = try CaptureFileReader(path: path)
        interpreter = try program.map { try Interpreter($0) }
        packetLimit = try input.packetLimit
        precision = try input.precision
        self.output = output
    }

    mutating func run() throws {
        let linkType = reader.linkType
        StandardError.write(
            "reading from file \(path), link-type \(linkType.dltName ?? "\(linkType.rawValue)") "
                + "(\(linkType.description ?? "unknown")), snapshot length \(reader.snapshotLength)\n")
        var writer = try output.writeFile.map { file in
            try PcapWriter(path: file, linkType: linkType, snapshotLength: reader.snapshotLength,
                           precision: precision, flushEachPacket: output.packetBuffered)
        }
        let lines = FileDescriptorOutput(fd: 1)
        let summary = PacketSummary(precision: precision)
        var matched = 0
        defer {
            try? writer?.flush()
            lines.flush()
        }
        while let packet = try reader.next() {
            if let interpreter, interpreter.run(packet.data, wireLength: packet.originalLength) == 0 {
                continue
            }
            matched += 1
            try writer?.write(packet)
            if output.printsPackets {
                lines.write(summary.line(for: packet, number: output.numbered ? matched : nil))
                if lines.readerClosed { return }
            }
            if let packetLimit, matched >= packetLimit { break }
        }
        if output.countOnly {
            lines.write("\(matched) packet\(matched == 1 ? "" : "s")\n")
        }
    }
}
