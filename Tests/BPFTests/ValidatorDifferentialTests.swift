import TestSupport
import BPF
import CLibpcap
import Glibc
import Testing

/// Both validator profiles against their oracles: libpcap's `bpf_validate`, and the running
/// kernel's `SO_ATTACH_FILTER` on an unprivileged UDP socket.
@Suite struct ValidatorDifferentialTests {
    @Test func libpcapProfileAcceptsExactlyWhatBPFValidateAccepts() {
        let seed = SeededGenerator.announcedSeed(for: "libpcapProfileAcceptsExactlyWhatBPFValidateAccepts")
        var generator = ArbitraryProgramGenerator(random: SeededGenerator(seed: seed))
        let known = ArbitraryProgramGenerator<SeededGenerator>.knownCodes
        var mismatches: [String] = []
        var accepted = 0
        for _ in 0..<100_000 {
            let program = generator.program(knownCodes: known)
            let ours = Result { () throws(ValidationError) in try program.validate(.libpcap) }
            let theirs = LibpcapOracle.validates(program)
            let oursAccepts = (try? ours.get()) != nil
            if oursAccepts { accepted += 1 }
            if oursAccepts != theirs, mismatches.count < 5 {
                mismatches.append("\(program.rawInstructions): ours \(ours), libpcap \(theirs)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        #expect(accepted > 1_000, "too few valid programs to mean anything: \(accepted)")
    }

    @Test func kernelProfileAcceptsExactlyWhatTheKernelAttaches() throws {
        let seed = SeededGenerator.announcedSeed(for: "kernelProfileAcceptsExactlyWhatTheKernelAttaches")
        let kernel = try #require(KernelAttacher())
        var generator = ArbitraryProgramGenerator(random: SeededGenerator(seed: seed))
        var validGenerator = ValidProgramGenerator(random: SeededGenerator(seed: ~seed))
        let known = ArbitraryProgramGenerator<SeededGenerator>.knownCodes
        var mismatches: [String] = []
        var accepted = 0
        for index in 0..<20_000 {
            // Half the programs are mostly valid, so acceptance is tested as much as rejection.
            let program = index.isMultiple(of: 2) ? generator.program(knownCodes: known) : validGenerator.program()
            guard let theirs = kernel.accepts(program) else { continue }
            let ours = Result { () throws(ValidationError) in try program.validate(.linuxKernel) }
            let oursAccepts = (try? ours.get()) != nil
            if oursAccepts { accepted += 1 }
            if oursAccepts != theirs, mismatches.count < 5 {
                mismatches.append("\(program.rawInstructions): ours \(ours), kernel \(theirs)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        #expect(accepted > 2_000, "too few valid programs to mean anything: \(accepted)")
    }

    @Test(arguments: [4095, 4096, 4097])
    func kernelLengthLimit(count: Int) throws {
        let kernel = try #require(KernelAttacher())
        let program = Program(Array(repeating: .returnConstant(1), count: count))
        let ours = (try? program.validate(.linuxKernel)) != nil
        #expect(ours == (count <= 4096))
        if let theirs = kernel.accepts(program) { #expect(ours == theirs) }
    }
}

/// Attaches programs to a UDP socket; the kernel's answer is the oracle for the kernel profile.
final class KernelAttacher {
    private let socket: Int32

    init?() {
        socket = Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        if socket < 0 { return nil }
    }

    deinit { close(socket) }

    /// Whether the kernel accepts the program; `nil` when it failed for another reason than
    /// `EINVAL` (memory limits), which says nothing about validity.
    func accepts(_ program: Program) -> Bool? {
        guard program.count <= Int(UInt16.max) else { return nil }
        var filters = LibpcapOracle.instructions(program)  // `struct bpf_insn` is `struct sock_filter`
        let status = filters.withUnsafeMutableBufferPointer { buffer in
            // `struct sock_fprog { unsigned short len; struct sock_filter *filter; }`, laid
            // out by hand: the length at offset 0, the pointer at offset 8.
            var fprog = (UInt64(buffer.count), UInt64(UInt(bitPattern: buffer.baseAddress)))
            return setsockopt(socket, SOL_SOCKET, SO_ATTACH_FILTER, &fprog, socklen_t(MemoryLayout.size(ofValue: fprog)))
        }
        if status == 0 { return true }
        return errno == EINVAL ? false : nil
    }
}
