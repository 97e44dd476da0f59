/// The three ways tcpdump prints a compiled filter.
public enum DumpFormat: Sendable {
    /// `-d`: one `bpf_image` line per instruction.
    case listing
    /// `-dd`: one C `struct sock_filter` initializer per instruction.
    case cArray
    /// `-ddd`: the instruction count, then `code jt jf k` in decimal per instruction.
    case decimal
}

extension Program {
    /// The program as tcpdump prints it with `-d`, `-dd` or `-ddd` (libpcap's `bpf_dump`):
    /// the whole standard-output text, every line ending in a newline.
    public func dump(_ format: DumpFormat) -> String {
        var text = ""
        switch format {
        case .listing:
            for (pc, raw) in rawInstructions.enumerated() {
                text += image(of: raw, at: pc) + "\n"
            }
        case .cArray:
            for raw in rawInstructions {
                text += "{ 0x" + CFormat.hex(raw.code) + ", " + CFormat.unsigned(raw.jt) + ", "
                    + CFormat.unsigned(raw.jf) + ", 0x" + CFormat.hex8(raw.k) + " },\n"
            }
        case .decimal:
            text += CFormat.decimal(Int32(truncatingIfNeeded: count)) + "\n"
            for raw in rawInstructions {
                text += CFormat.unsigned(raw.code) + " " + CFormat.unsigned(raw.jt) + " "
                    + CFormat.unsigned(raw.jf) + " " + CFormat.unsigned(raw.k) + "\n"
            }
        }
        return text
    }
}
