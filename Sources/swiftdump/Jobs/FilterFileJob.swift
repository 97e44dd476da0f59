import BPF
import PacketPrinter
import PcapFile
import PcapFilter

/// `-r FILE`: read a capture, keep the packets the filter accepts, and write them (`-w`) or
/// print a line for each.
///
/// Everything accepted before an error in the file is written and flushed before the error
/// is reported, so a damaged capture loses nothing that was intact.
struct FilterFileJob {
    private let reader: CaptureFileReader
    private let path: String
    private let filter: FilterOptions
    private let acceptsEverything: Bool
    private let loaded: Interpreter?
    private let packetLimit: Int?
    private let precision: TimestampPrecision
    private let outputFile: String?
    private let flushesEachPacket: Bool
    private let printsPackets: Bool
    private let numbered: Bool
    private let countOnly: Bool
    private let printOptions: PrintOptions
    private let resolver: any PrinterNameResolver

    init(input: InputOptions, output: OutputOptions, printing: PrintingOptions, filter: FilterOptions,
         path: String) throws {
        self.path = path
        reader = try CaptureFileReader(path: path)
        self.filter = filter
        acceptsEverything = try filter.acceptsEverything
        loaded = try filter.loadedProgram().map { try Interpreter($0) }
        packetLimit = try input.packetLimit
        precision = try input.precision
        // Plain copies: ArgumentParser's property wrappers cost a metadata lookup per read,
        // which the per-packet loop must not pay.
        outputFile = output.writeFile
        flushesEachPacket = output.packetBuffered
        printsPackets = output.printsPackets
        numbered = output.numbered
        countOnly = output.countOnly
        printOptions = printing.printOptions(precision: precision)
        resolver = printing.resolver()
    }

    func run() throws {
        StandardError.write(
            "reading from file \(path), link-type \(reader.linkType), snapshot length \(reader.snapshotLength)\n")
        let writer = try outputFile.map { file in
            try PcapWriter(path: file, linkType: reader.linkTypeField, snapshotLength: reader.snapshotLength,
                           precision: precision, flushesEachPacket: flushesEachPacket)
        }
        let lines = FileDescriptorOutput(fd: 1)
        defer { lines.flush() }
        var printer = PacketPrinter(options: printOptions, resolver: resolver)
        var matched = 0
        var read = 0
        // pcapng interfaces may differ in link type: one program per link type, compiled
        // when the first packet of that type arrives.
        var interpreters: [(LinkType, Interpreter)] = []
        do {
            while let packet = try reader.nextPacketView() {
                read += 1
                if !acceptsEverything {
                    let interpreter: Interpreter
                    if let loaded {
                        interpreter = loaded
                    } else if let known = interpreters.first(where: { $0.0 == packet.linkType })?.1 {
                        interpreter = known
                    } else {
                        interpreter = try Interpreter(try filter.program(for: target(packet.linkType)))
                        interpreters.append((packet.linkType, interpreter))
                    }
                    if interpreter.run(packet.bytes, wireLength: packet.originalLength) == 0 { continue }
                }
                matched += 1
                if let writer {
                    // A pcap file has one link type; pcapng interfaces may differ.
                    guard packet.linkType == writer.linkTypeField.linkType else {
                        throw CommandLineError.linkTypeMismatch(
                            packetNumber: read, packet: packet.linkType, file: writer.linkTypeField.linkType)
                    }
                    try writer.write(packet)
                }
                if printsPackets {
                    let number = numbered ? matched : nil
                    lines.append { printer.append(packet, number: number, to: &$0) }
                    if lines.readerClosed { break }
                }
                if let packetLimit, matched >= packetLimit { break }
            }
            try writer?.close()
        } catch CaptureFileWriteError.brokenPipe {
            return  // The reader of `-w -` went away: stop quietly, as tcpdump does.
        } catch {
            try? writer?.close()
            throw error
        }
        if countOnly {
            lines.write("\(matched) packet\(matched == 1 ? "" : "s")\n")
        }
    }

    /// The file's target for packets of `type`: its snap length, its writer's byte order.
    private func target(_ type: LinkType) throws -> CompilationTarget {
        let byteOrder: ByteOrder = reader.isByteSwapped == (ByteOrder.host == .littleEndian) ? .bigEndian : .littleEndian
        return CompilationTarget(linkLayer: try LinkLayer.forCompiling(type), snapLength: reader.snapshotLength,
                                 source: .savefile(writerByteOrder: byteOrder))
    }
}
