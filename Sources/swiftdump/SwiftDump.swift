import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The `swiftdump` command: tcpdump's command line over swiftdump's own libraries.
///
/// `run()` only chooses a job and wires layers; each option group validates itself.
@main
struct SwiftDump: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swiftdump",
        abstract: "Dump, filter and write packet captures with a classic-BPF filter.",
        version: "swiftdump 0.1.0"
    )

    @OptionGroup(title: "Reading packets") var input: InputOptions
    @OptionGroup(title: "Writing and printing packets") var output: OutputOptions
    @OptionGroup(title: "The filter") var filter: FilterOptions

    mutating func run() throws {
        let program = try filter.loadProgram()
        if filter.dumpLevel > 0 {
            try DumpProgramJob(program: program, format: filter.dumpFormat).run()
            return
        }
        guard let path = input.readFile else {
            throw CommandLineError.nothingToDo
        }
        var job = try FilterFileJob(input: input, output: output, program: program, path: path)
        try job.run()
    }

    /// Parses the command line and runs it, printing failures as `swiftdump: …` and exiting 1
    /// instead of ArgumentParser's usage dump and exit 64 (tcpdump's contract, CLI.md).
    static func main() {
        // A closed output pipe must surface as EPIPE from write(), not kill the process.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .success {
                exit(withError: error)  // --help and --version print and exit 0.
            }
            StandardError.write("swiftdump: \(describe(error))\n")
            exit(withError: ExitCode.failure)
        }
    }

    private static func describe(_ error: Error) -> String {
        if let ours = error as? CustomStringConvertible, !(error is ExitCode) {
            return ours.description
        }
        return message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
    }
}
