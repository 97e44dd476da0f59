import BPF
import CLibpcap
import Glibc

/// Times our interpreter against libpcap's `bpf_filter` on programs `pcap_compile` builds,
/// over the same in-memory packets, and prints packets per second for each.
@main
struct InterpreterBenchmark {
    static let expressions = [
        "tcp port 80",
        "host 10.0.0.1 and (tcp or udp)",
        (1...100).map { "host 10.0.0.\($0)" }.joined(separator: " or "),
        "vlan and udp",
        "tcp[tcpflags] & tcp-syn != 0",
    ]

    static func main() {
        let packets = PacketSet(count: 1024)
        // `--passes N` does a fixed amount of work instead of timing, for instruction
        // counts under `valgrind --tool=callgrind`, which a shared machine cannot disturb.
        let arguments = CommandLine.arguments
        if let flag = arguments.firstIndex(of: "--passes"), flag + 1 < arguments.count,
           let passes = Int(arguments[flag + 1]) {
            // `--only K` restricts the run to the K-th expression (from 0).
            let only = arguments.firstIndex(of: "--only").flatMap { $0 + 1 < arguments.count ? Int(arguments[$0 + 1]) : nil }
            countingRun(packets, passes: passes, only: only)
            return
        }
        print("program                          ours pkt/s   libpcap pkt/s   ratio   matches")
        for expression in expressions {
            guard let compiled = compile(expression) else {
                print("\(expression): pcap_compile failed")
                continue
            }
            let program = Program(raw: compiled.map { RawInstruction(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k) })
            let interpreter: Interpreter
            do { interpreter = try Interpreter(program) } catch {
                print("\(expression): \(error)")
                continue
            }
            var matches = 0
            for frame in packets.frames {
                let ours = packets.bytes.withUnsafeBytes {
                    interpreter.run(UnsafeRawBufferPointer(rebasing: $0[frame.offset..<frame.offset + frame.length]),
                                    wireLength: UInt32(frame.length))
                }
                let theirs = compiled.withUnsafeBufferPointer { code in
                    packets.bytes.withUnsafeBufferPointer {
                        bpf_filter(code.baseAddress, $0.baseAddress.map { $0 + frame.offset },
                                   UInt32(frame.length), UInt32(frame.length))
                    }
                }
                guard ours == theirs else {
                    print("\(expression): verdicts differ on a packet: ours \(ours), libpcap \(theirs)")
                    return
                }
                if ours != 0 { matches += 1 }
            }
            // Alternate short rounds and keep each engine's best, so that frequency
            // scaling and the order of measurement favour neither.
            var oursRate = 0.0
            var libpcapRate = 0.0
            for _ in 0..<5 {
                oursRate = max(oursRate, measure(packets) { bytes, length in
                    interpreter.run(UnsafeRawBufferPointer(start: bytes, count: length), wireLength: UInt32(length))
                })
                libpcapRate = max(libpcapRate, compiled.withUnsafeBufferPointer { code in
                    measure(packets) { bytes, length in
                        bpf_filter(code.baseAddress, bytes.assumingMemoryBound(to: UInt8.self), UInt32(length), UInt32(length))
                    }
                })
            }
            let name = expression.count > 30 ? String(expression.prefix(27)) + "..." : expression
            print(pad(name, 30) + pad(format(oursRate), 14, right: true) + pad(format(libpcapRate), 16, right: true)
                  + pad(String(format2(oursRate / libpcapRate)), 8, right: true) + pad("\(matches)/\(packets.frames.count)", 10, right: true))
        }
    }

    /// Runs each engine `passes` times over the packets for every expression, untimed.
    static func countingRun(_ packets: PacketSet, passes: Int, only: Int?) {
        for (index, expression) in expressions.enumerated() where only == nil || only == index {
            guard let compiled = compile(expression),
                  let interpreter = try? Interpreter(Program(raw: compiled.map {
                      RawInstruction(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k)
                  }))
            else { continue }
            var ours: UInt64 = 0
            var theirs: UInt64 = 0
            packets.bytes.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return }
                compiled.withUnsafeBufferPointer { code in
                    for _ in 0..<passes {
                        for frame in packets.frames {
                            ours &+= UInt64(interpreter.run(
                                UnsafeRawBufferPointer(start: base + frame.offset, count: frame.length),
                                wireLength: UInt32(frame.length)))
                        }
                        for frame in packets.frames {
                            theirs &+= UInt64(bpf_filter(
                                code.baseAddress, (base + frame.offset).assumingMemoryBound(to: UInt8.self),
                                UInt32(frame.length), UInt32(frame.length)))
                        }
                    }
                }
            }
            print("\(expression.prefix(30)): \(ours == theirs ? "same" : "DIFFERENT") totals")
        }
    }

    /// Runs `filter` over the packets for a fifth of a second; returns packets per second.
    static func measure(_ packets: PacketSet, _ filter: (UnsafeRawPointer, Int) -> UInt32) -> Double {
        var accepted: UInt64 = 0
        var runs = 0
        let start = now()
        var elapsed = 0.0
        packets.bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            repeat {
                for frame in packets.frames {
                    accepted &+= UInt64(filter(base + frame.offset, frame.length))
                }
                runs += packets.frames.count
                elapsed = now() - start
            } while elapsed < 0.2
        }
        // Keep the results alive so the optimizer cannot drop the work.
        if accepted == UInt64.max { print("") }
        return Double(runs) / elapsed
    }

    static func compile(_ expression: String) -> [bpf_insn]? {
        guard let handle = pcap_open_dead(DLT_EN10MB, 262_144) else { return nil }
        defer { pcap_close(handle) }
        var program = bpf_program()
        guard pcap_compile(handle, &program, expression, 1, PCAP_NETMASK_UNKNOWN) == 0 else { return nil }
        defer { pcap_freecode(&program) }
        return Array(UnsafeBufferPointer(start: program.bf_insns, count: Int(program.bf_len)))
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func format(_ rate: Double) -> String {
        "\(Int(rate / 1e4) / 100).\(String(format2Digits(Int(rate / 1e4) % 100)))M"
    }

    static func format2(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(format2Digits(hundredths % 100))"
    }

    static func format2Digits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}
