import ArgumentParser
import BPF

/// The filter: a program file for now, an expression once the compiler lands, and `-d`.
struct FilterOptions: ParsableArguments {
    @Flag(name: .customShort("d"), help: "Dump the filter program (-d listing, -dd C array, -ddd decimal) and exit.")
    var dumpLevel: Int

    @Option(name: .customLong("program"), help: ArgumentHelp("Load a BPF program (tcpdump -d/-dd/-ddd text or bpf_asm syntax) instead of compiling an expression.", valueName: "file"))
    var programFile: String?

    @Argument(help: ArgumentHelp("A pcap-filter expression (the words are joined with spaces).", valueName: "expression"))
    var expression: [String] = []

    /// The dump format `-d`, `-dd` or `-ddd` asks for.
    var dumpFormat: DumpFormat {
        switch dumpLevel {
        case 1: .listing
        case 2: .cArray
        default: .decimal
        }
    }

    /// The program to filter with, or `nil` when every packet matches.
    func loadProgram() throws -> Program? {
        if !expression.isEmpty {
            throw CommandLineError.expressionNeedsCompiler(expression.joined(separator: " "))
        }
        guard let path = programFile else {
            if dumpLevel > 0 { throw CommandLineError.dumpNeedsProgram }
            return nil
        }
        let text = try FileContents.read(path)
        do {
            return try Program(assembling: text)
        } catch {
            throw CommandLineError.badProgram(path: path, error)
        }
    }
}
