import PacketCraft
import PcapFile

/// Writes the sample captures into a folder (default `captures/`) with the project's own
/// pcap writer. `swift test` checks that the committed files are exactly what this writes.
@main
enum GenerateCaptures {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        let folder = arguments.first ?? "captures"
        for sample in SampleCaptures.all {
            let path = "\(folder)/\(sample.fileName)"
            try SampleCaptureWriter.write(sample, to: path)
            print("wrote \(path): \(sample.packets.count) packets")
        }
    }
}
