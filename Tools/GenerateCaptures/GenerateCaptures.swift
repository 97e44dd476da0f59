import PacketCraft
import PcapFile

/// Writes the sample captures into a folder (default `captures/`) with the project's own
/// pcap writer. `swift test` checks that the committed files are exactly what this writes.
///
///     GenerateCaptures [FOLDER]              the sample captures
///     GenerateCaptures --bulk COUNT FILE     COUNT packets of sample traffic, for benchmarks
@main
enum GenerateCaptures {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--bulk" {
            guard arguments.count == 3, let count = Int(arguments[1]), count > 0 else {
                print("usage: GenerateCaptures --bulk COUNT FILE")
                return
            }
            try SampleCaptureWriter.writeBulk(count: count, to: arguments[2])
            print("wrote \(arguments[2]): \(count) packets")
            return
        }
        let folder = arguments.first ?? "captures"
        for sample in SampleCaptures.all {
            let path = "\(folder)/\(sample.fileName)"
            try SampleCaptureWriter.write(sample, to: path)
            print("wrote \(path): \(sample.packets.count) packets")
        }
    }
}
