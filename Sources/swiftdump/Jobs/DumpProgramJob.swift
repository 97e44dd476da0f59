import BPF

/// `-d/-dd/-ddd`: print the program exactly as tcpdump does.
struct DumpProgramJob {
    var program: Program
    var format: DumpFormat

    func run() throws {
        let output = FileDescriptorOutput(fd: 1)
        output.write(program.dump(format))
        output.flush()
    }
}
