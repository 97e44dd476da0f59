extension Program {
    /// Assembles a program from text, recognizing the format from its first line:
    /// `tcpdump -ddd` (a count, then `code jt jf k` in decimal; also the comma-separated form
    /// `bpf_asm` and `tc` use), `tcpdump -dd` (`{ 0x28, 0, 0, 0x0000000c },` lines), or the
    /// mnemonic formats — `tcpdump -d` listings with absolute targets and the kernel's
    /// `bpf_asm` syntax with labels, which may be mixed.
    ///
    /// The numeric formats keep every field exactly as written, unused ones included.
    public init(assembling text: String) throws(AssemblyError) {
        let lines = try AssemblyLexer.lines(of: text)
        guard let first = lines.first?.tokens.first else {
            self.init(raw: [])
            return
        }
        switch first.kind {
        case .punctuation("{"):
            self.init(raw: try NumericFormatParser.parseCArray(lines))
        case .number:
            self.init(raw: try NumericFormatParser.parseDecimal(lines))
        default:
            self.init(raw: try MnemonicParser.parse(lines))
        }
    }
}
