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
        var copy = instructions
        return copy.withUnsafeMutableBufferPointer { buffer in
            buffer.indices.map { index in
                guard let base = buffer.baseAddress, let text = bpf_image(base + index, Int32(index)) else { return "?" }
                return String(cString: text)
            }.joined(separator: "\n")
        }
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
    /// Whether a program reads a scratch cell that no path to the read has written, where
    /// `bpf_filter` reads its uninitialized stack array. libpcap computes the 802.11 offsets
    /// once, at the start, into the cells of the *last* encapsulation: after `geneve` (or
    /// `pppoes` on radiotap) the offsets land in other cells and the ones its tests read are
    /// never written.
    static func readsUnwrittenCell(_ program: [bpf_insn]) -> Bool {
        let typed = Program(raw: program.map { RawInstruction(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k) })
        do { try typed.validate(.linuxKernel) } catch {
            if case .scratchReadBeforeWrite = error { return true }
        }
        return false
    }

    /// Whether libpcap's program for an 802.11 link type stores, after its prologue, into a
    /// cell the prologue filled with a link offset. libpcap takes those cells on first use, so
    /// a temporary of arithmetic generated before that use can be given the same cell
    /// (`len + 1 > 2 and ip`); later tests then read the temporary as the offset. Ours reserves
    /// the cells before anything else.
    static func clobbersWirelessOffsets(_ program: [bpf_insn], link: LinkLayer) -> Bool {
        let store: UInt16 = 0x02, storeX: UInt16 = 0x03, txa: UInt16 = 0x87, loadXConstant: UInt16 = 0x01
        func code(_ index: Int) -> UInt16? { index < program.count ? program[index].code : nil }
        var cells: Set<UInt32> = []
        var prologueEnd = 0
        switch link {
        case .ieee80211:
            guard code(0) == loadXConstant, code(3) == store else { return false }
            cells = [program[3].k]
            prologueEnd = 11
        case .ieee80211Radiotap:
            guard code(5) == store else { return false }
            cells = [program[5].k]
            prologueEnd = 7
            if code(7) == txa, code(9) == store {
                cells.insert(program[9].k)
                prologueEnd = 29
            }
        default:
            return false
        }
        return program.dropFirst(prologueEnd).contains { ($0.code == store || $0.code == storeX) && cells.contains($0.k) }
    }

    /// Whether libpcap's radiotap prologue stores the radiotap length and the payload offset
    /// into one cell: after `pppoes` its link-header cell is the payload's, and the tests that
    /// read the 802.11 header then use a cell the prologue never wrote (or only a temporary did).
    static func sharesRadiotapCells(_ program: [bpf_insn], link: LinkLayer) -> Bool {
        let store: UInt16 = 0x02, txa: UInt16 = 0x87
        guard link == .ieee80211Radiotap, program.count > 9, program[5].code == store, program[7].code == txa,
              program[9].code == store else { return false }
        return program[5].k == program[9].k
    }

    /// Whether libpcap's verdicts for an 802.11 program are undefined or wrong by one of the
    /// faults above.
    static func wirelessOffsetsBroken(_ program: [bpf_insn], link: LinkLayer) -> Bool {
        link.isWireless && (readsUnwrittenCell(program) || clobbersWirelessOffsets(program, link: link)
            || sharesRadiotapCells(program, link: link))
    }
}
