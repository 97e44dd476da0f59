import BPF
import PcapFile

/// Errors the command line itself detects, with tcpdump's wording where it has one.
enum CommandLineError: Error, CustomStringConvertible {
    case invalidPacketCount(String)
    case unsupportedTimestampPrecision(String)
    case expressionNeedsCompiler(String)
    case dumpNeedsProgram
    case nothingToDo
    case cannotRead(path: String, reason: String)
    case badProgram(path: String, AssemblyError)
    case linkTypeMismatch(packetNumber: Int, packet: LinkType, file: LinkType)

    var description: String {
        switch self {
        case .invalidPacketCount(let text):
            "invalid packet count \(text)"
        case .unsupportedTimestampPrecision:
            "unsupported time stamp precision"
        case .expressionNeedsCompiler(let expression):
            "cannot compile '\(expression)': the filter-expression compiler is not built yet; "
                + "load a program with --program FILE"
        case .dumpNeedsProgram:
            "-d needs a program: give --program FILE (expressions are not compiled yet)"
        case .nothingToDo:
            "nothing to do: give -r FILE to read a capture, or -d with --program FILE"
        case let .cannotRead(path, reason):
            "\(path): \(reason)"
        case let .badProgram(path, error):
            "\(path): \(error)"
        case let .linkTypeMismatch(number, packet, file):
            "packet \(number) has link-type \(packet), but the file being written has link-type \(file)"
        }
    }
}
