extension Program {
    /// Assembles a program from text, recognizing the format from its first line:
    /// `tcpdump -ddd` (a count, then `code jt jf k` in decimal; also the comma-separated form
    /// `bpf_asm` and `tc` use), `tcpdump -dd` (`{ 0x28, 0, 0, 0x0000000c },` lines), or the
    /// mnemonic formats — `tcpdump -d` listings with absolute targets and the kernel's
    /// `bpf_asm` syntax with labels, which may be mixed.
    ///
    /// The numeric formats keep every field exactly as written, unused ones included. In the
    /// mnemonic formats a jump target is a label or, written as a number, an absolute
    /// instruction index as `tcpdump -d` prints it; `jt`/`jf` must land 0 to 255 instructions
    /// ahead, while `ja` wraps its 32-bit offset as `bpf_asm` does.
    ///
    /// Every error names its 1-based line, e.g. `line 3: unknown instruction 'foo'`.
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
