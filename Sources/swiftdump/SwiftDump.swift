import ArgumentParser
import LiveCapture
import PcapFile
import PcapFilter
#if canImport(Glibc)
import Glibc
#endif

/// The `swiftdump` command: tcpdump's command line over swiftdump's own libraries.
///
/// `run()` only chooses a job and wires layers; each option group validates itself.
@main
struct SwiftDump: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swiftdump",
        abstract: "Capture, dump, filter and write packets with a classic-BPF filter.",
        version: "swiftdump 0.1.0"
    )

    @OptionGroup(title: "Reading packets") var input: InputOptions
    @OptionGroup(title: "Capturing live") var capture: CaptureOptions
    @OptionGroup(title: "Writing and printing packets") var output: OutputOptions
    @OptionGroup(title: "Packet lines") var printing: PrintingOptions
    @OptionGroup(title: "The filter") var filter: FilterOptions

    mutating func run() throws {
        if filter.dumpLevel > 0 {
            // A loaded program needs no target (and tcpdump's warning is about compiling).
            let target = filter.programFile == nil ? try dumpTarget()
                : CompilationTarget(linkLayer: .ethernet, snapLength: 262_144, source: .unattached)
            let program = try filter.program(for: target)
            try DumpProgramJob(program: program, format: filter.dumpFormat).run()
            return
        }
        if capture.listInterfaces {
            let output = FileDescriptorOutput(fd: 1)
            output.write(DeviceList.listing(try DeviceList.entries()))
            output.flush()
            return
        }
        if let interface = capture.interface, input.readFile == nil {
            let job = try LiveCaptureJob(interface: interface, capture: capture, input: input, output: output,
                                     printing: printing, filter: filter)
            try job.run()
            return
        }
        guard let path = input.readFile else {
            throw CommandLineError.nothingToDo
        }
        let job = try FilterFileJob(input: input, output: output, printing: printing, filter: filter, path: path)
        try job.run()
    }

    /// What `-d` compiles for, as tcpdump chooses: `-r`'s file (its link type and snap
    /// length), `-i`'s live socket, else a dead handle of `-y`'s type, or of Ethernet with a
    /// warning.
    private func dumpTarget() throws -> CompilationTarget {
        let snapLength = try filter.snapLength
        if let path = input.readFile {
            let reader = try CaptureFileReader(path: path)
            let byteOrder: ByteOrder = reader.isByteSwapped == (ByteOrder.host == .littleEndian) ? .bigEndian : .littleEndian
            return CompilationTarget(linkLayer: try LinkLayer.forCompiling(try filter.linkType ?? reader.linkType),
                                     snapLength: reader.snapshotLength, source: .savefile(writerByteOrder: byteOrder))
        }
        if let interface = capture.interface {
            let type = try filter.linkType ?? DeviceLinkLayer.of(device: interface).linkType
            return CompilationTarget(linkLayer: try LinkLayer.forCompiling(type), snapLength: snapLength, source: .liveLinux)
        }
        guard let type = try filter.linkType else {
            StandardError.write("Warning: assuming Ethernet\n")
            return CompilationTarget(linkLayer: .ethernet, snapLength: snapLength, source: .unattached)
        }
        return CompilationTarget(linkLayer: try LinkLayer.forCompiling(type), snapLength: snapLength, source: .unattached)
    }

    /// Parses the command line and runs it, printing failures as `swiftdump: …` and exiting 1
    /// instead of ArgumentParser's usage dump and exit 64 (tcpdump's contract, CLI.md).
    static func main() {
        // A closed output pipe must surface as EPIPE from write(), not kill the process.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .success {
                exit(withError: error)  // --help and --version print and exit 0.
            }
            StandardError.write("swiftdump: \(describe(error))\n")
            exit(withError: ExitCode.failure)
        }
    }

    private static func describe(_ error: Error) -> String {
        if let ours = error as? CustomStringConvertible, !(error is ExitCode) {
            return ours.description
        }
        return message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
    }
}
