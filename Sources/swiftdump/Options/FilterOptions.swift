import ArgumentParser
import BPF
import PcapFile
import PcapFilter

/// The filter: an expression (words or `-F`), or a program file; how `-d` prints it and what
/// it is compiled for (`-y`, `-s`).
struct FilterOptions: ParsableArguments {
    @Flag(name: .customShort("d"), help: "Dump the filter program (-d listing, -dd C array, -ddd decimal) and exit.")
    var dumpLevel: Int

    @Flag(name: .customShort("O"), help: "Do not optimize the filter program.")
    var noOptimization = false

    @Option(name: .customShort("F"), help: ArgumentHelp("Read the filter expression from a file (expression words are then ignored).", valueName: "file"))
    var expressionFile: String?

    @Option(name: .customShort("y"), help: ArgumentHelp("Compile for this data link type (with -d).", valueName: "dlt"))
    var linkTypeName: String?

    @Option(name: .customShort("s"), help: ArgumentHelp("Snapshot length accepted packets keep (0 means 262144).", valueName: "snaplen"))
    var snapLengthText: String?

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

    /// `-s`, with tcpdump's 0 meaning the maximum.
    var snapLength: UInt32 {
        get throws {
            guard let text = snapLengthText else { return 262_144 }
            guard let value = Int32(text), value >= 0 else { throw CommandLineError.invalidSnapLength(text) }
            return value == 0 ? 262_144 : UInt32(value)
        }
    }

    /// `-y`, if given.
    var linkType: LinkType? {
        get throws {
            guard let name = linkTypeName else { return nil }
            guard let type = LinkType(dltName: name) else { throw CommandLineError.invalidLinkTypeName(name) }
            return type
        }
    }

    /// The expression text: `-F`'s file with `#` comments blanked (as tcpdump reads it), or
    /// the words joined with spaces.
    func expressionText() throws -> String {
        guard let path = expressionFile else { return expression.joined(separator: " ") }
        let text = try FileContents.read(path)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.prefix { $0 != "#" } }
            .joined(separator: " ")
    }

    /// The program for packets of `target`: the `--program` file, or the compiled expression,
    /// optimized unless `-O` was given (tcpdump's meaning).
    func program(for target: CompilationTarget) throws -> Program {
        if let loaded = try loadedProgram() { return loaded }
        return try FilterCompiler().compile(try expressionText(), for: target, resolver: SystemNameResolver(),
                                            optimize: !noOptimization)
    }

    /// The `--program` file's program, which is the same for every link type; nil without one.
    func loadedProgram() throws -> Program? {
        guard let path = programFile else { return nil }
        let text = try FileContents.read(path)
        do {
            return try Program(assembling: text)
        } catch {
            throw CommandLineError.badProgram(path: path, error)
        }
    }

    /// Whether every packet matches without running a program (no expression, no program).
    var acceptsEverything: Bool {
        get throws {
            if programFile != nil { return false }
            return try expressionText().allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" }
        }
    }

    mutating func validate() throws {
        _ = try snapLength
    }
}

extension LinkLayer {
    /// The compiler's layout for a file's link type, or the error naming it.
    static func forCompiling(_ type: LinkType) throws -> LinkLayer {
        guard let layer = LinkLayer(rawValue: type.dlt) else { throw CommandLineError.linkTypeNotCompilable(type) }
        return layer
    }
}
