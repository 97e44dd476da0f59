import BPF
import PcapFile

/// Errors the command line itself detects, with tcpdump's wording where it has one.
enum CommandLineError: Error, CustomStringConvertible {
    case invalidPacketCount(String)
    case unsupportedTimestampPrecision(String)
    case nothingToDo
    case invalidSnapLength(String)
    case invalidLinkTypeName(String)
    case linkTypeNotCompilable(LinkType)
    case invalidBufferSize(String)
    case invalidDirection(String)
    case cannotRead(path: String, reason: String)
    case badProgram(path: String, AssemblyError)
    case linkTypeMismatch(packetNumber: Int, packet: LinkType, file: LinkType)

    var description: String {
        switch self {
        case .invalidPacketCount(let text):
            "invalid packet count \(text)"
        case .unsupportedTimestampPrecision:
            "unsupported time stamp precision"
        case .nothingToDo:
            "nothing to do: give -r FILE to read a capture, -i INTERFACE to capture live, or -d to print the compiled filter"
        case .invalidSnapLength(let text):
            "invalid snaplen \(text)"
        case .invalidLinkTypeName(let name):
            "invalid data link type \(name)"
        case .linkTypeNotCompilable(let type):
            "the filter compiler does not support link-type \(type)"
        case .invalidBufferSize(let text):
            "invalid packet buffer size \(text)"
        case .invalidDirection(let text):
            "invalid direction \(text)"
        case let .cannotRead(path, reason):
            "\(path): \(reason)"
        case let .badProgram(path, error):
            "\(path): \(error)"
        case let .linkTypeMismatch(number, packet, file):
            "packet \(number) has link-type \(packet), but the file being written has link-type \(file)"
        }
    }
}
