import ArgumentParser

/// Where matching packets go (tcpdump's `-w`, `-U`, `--count`, `-#`, `--print`).
struct OutputOptions: ParsableArguments {
    @Option(name: .customShort("w"), help: ArgumentHelp("Write packets to a pcap file ('-' for standard output).", valueName: "file"))
    var writeFile: String?

    @Flag(name: [.customShort("U"), .customLong("packet-buffered")], help: "Flush the -w file after every packet.")
    var packetBuffered = false

    @Flag(name: .customLong("count"), help: "Print only the number of matching packets.")
    var countOnly = false

    @Flag(name: [.customShort("#"), .customLong("number")], help: "Print a packet number at the start of each line.")
    var numbered = false

    @Flag(name: .customLong("print"), help: "Print packet lines even while writing with -w.")
    var printWhileWriting = false

    /// Whether each matching packet prints a line.
    var printsPackets: Bool {
        !countOnly && (writeFile == nil || printWhileWriting)
    }
}
