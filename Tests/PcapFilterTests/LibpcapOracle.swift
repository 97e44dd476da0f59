import TestSupport
import BPF
import CLibpcap
import PcapFilter
import Foundation
import Testing

/// libpcap 1.10.3 as the reference: its compiler and its `bpf_filter` interpreter.
enum LibpcapOracle {
    /// libpcap's compiler keeps state in its handle only, but its scanner and parser
    /// generator are not known to be reentrant across threads: tests take turns.
    private static let compileLock = NSLock()

    /// The message libpcap gives for any grammar error.
    static let parseErrorMessage = "can't parse filter expression: syntax error"

    /// The result of compiling with libpcap: instructions, or libpcap's error text.
    enum Compiled {
        case program([bpf_insn])
        case error(String)
    }

    /// Compiles `expression` for a dead handle of `dlt` with `snaplen`.
    static func compile(_ expression: String, dlt: UInt32, snaplen: UInt32, optimize: Bool,
                        netmask: UInt32 = 0) -> Compiled {
        compileLock.lock()
        defer { compileLock.unlock() }
        guard let handle = pcap_open_dead(Int32(dlt), Int32(snaplen)) else { return .error("pcap_open_dead failed") }
        defer { pcap_close(handle) }
        var program = bpf_program()
        if pcap_compile(handle, &program, expression, optimize ? 1 : 0, netmask) != 0 {
            return .error(String(cString: pcap_geterr(handle)))
        }
        defer { pcap_freecode(&program) }
        let instructions = Array(UnsafeBufferPointer(start: program.bf_insns, count: Int(program.bf_len)))
        return .program(instructions)
    }

    /// Runs a program with libpcap's interpreter over a packet of `wireLength` bytes of which
    /// `bytes` were captured. A program with a backward jump (libpcap's `protochain` loop) is
    /// first run in our interpreter, which gives up after 64 backward jumps; where it would not
    /// stop, `bpf_filter` (which has no bound) is never called: the test gets an issue and 0,
    /// so no test can hang. Callers expecting such programs use ``runIfTerminating``.
    static func run(_ instructions: [bpf_insn], _ bytes: [UInt8], wireLength: Int) -> UInt32 {
        guard let verdict = runIfTerminating(instructions, bytes, wireLength: wireLength) else {
            Issue.record("a looping program was run on a packet where it does not stop: \(bytes)")
            return 0
        }
        return verdict
    }

    /// libpcap's verdict, or nil when the program loops past 64 backward jumps on the packet.
    static func runIfTerminating(_ instructions: [bpf_insn], _ bytes: [UInt8], wireLength: Int) -> UInt32? {
        if hasBackwardJump(instructions) && backwardJumps(instructions, bytes, wireLength: wireLength) == nil { return nil }
        return unguardedRun(instructions, bytes, wireLength: wireLength)
    }

    private static func unguardedRun(_ instructions: [bpf_insn], _ bytes: [UInt8], wireLength: Int) -> UInt32 {
        instructions.withUnsafeBufferPointer { program in
            bytes.withUnsafeBufferPointer { packet in
                // bpf_filter never writes through the packet pointer.
                bpf_filter(program.baseAddress, packet.baseAddress ?? UnsafePointer(bitPattern: 1),
                           UInt32(wireLength), UInt32(bytes.count))
            }
        }
    }

    /// Whether the program jumps backwards anywhere (libpcap's `protochain` loop).
    static func hasBackwardJump(_ instructions: [bpf_insn]) -> Bool {
        instructions.contains { $0.code == 0x05 && Int32(bitPattern: $0.k) < 0 }
    }

    /// How many backward jumps libpcap's program takes on the packet, counted by running it in
    /// our interpreter (which gives up after 64); nil when it would not stop there, so the
    /// packet must not be given to libpcap's own `bpf_filter`, which has no bound.
    static func backwardJumps(_ instructions: [bpf_insn], _ bytes: [UInt8], wireLength: Int) -> Int? {
        let program = Program(raw: instructions.map { RawInstruction(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k) })
        guard let interpreter = try? Interpreter(program) else { return nil }
        let trace = interpreter.trace(bytes, wireLength: UInt32(wireLength))
        let count = zip(trace.steps, trace.steps.dropFirst()).filter { $1.pc <= $0.pc }.count
        return count >= 64 ? nil : count
    }

    /// Our program in libpcap's instruction layout.
    static func instructions(_ program: Program) -> [bpf_insn] {
        program.rawInstructions.map { bpf_insn(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k) }
    }

    /// One line per instruction, as `tcpdump -d` prints it, for failure messages.
    static func dump(_ instructions: [bpf_insn]) -> String {
        instructions.enumerated().map { LibpcapImage.line(of: $1, at: $0) }.joined(separator: "\n")
    }

    /// libpcap's error for `text` on a dead Ethernet handle (unoptimized), or nil if it compiles.
    static func error(compiling text: String) -> String? {
        if case .error(let message) = compile(text, dlt: 1, snaplen: 262_144, optimize: false, netmask: PCAP_NETMASK_UNKNOWN) {
            return message
        }
        return nil
    }
}

/// Our parser's verdict in the same terms: nil when it parsed, else the message.
func ourError(parsing text: String) -> String? {
    do {
        _ = try FilterParserShim.parse(text)
        return nil
    } catch {
        return error.description
    }
}

extension LibpcapOracle {
    /// Whether libpcap's verdicts for an 802.11 program are undefined or wrong
    /// (``LibpcapWirelessFaults``).
    static func wirelessOffsetsBroken(_ program: [bpf_insn], link: LinkLayer) -> Bool {
        LibpcapWirelessFaults.offsetsBroken(raw(program), link: link)
    }

    static func readsUnwrittenCell(_ program: [bpf_insn]) -> Bool {
        LibpcapWirelessFaults.readsUnwrittenCell(raw(program))
    }

    static func raw(_ program: [bpf_insn]) -> [RawInstruction] {
        program.map { RawInstruction(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k) }
    }
}
