import CLibpcap
import Foundation
import PcapFilter

/// One compile + optimize of one family at one size, by one compiler, measured in a child
/// process of this executable so that its peak memory is its own.
struct Measurement: Sendable {
    /// Which compiler ran.
    enum Side: String, Sendable { case ours, libpcap }

    let seconds: Double
    let length: Int
    let attachable: Bool
    /// The child's peak resident set, in kilobytes (the executable's own footprint included:
    /// see ``TimingTable`` for the baseline of a child compiling the empty filter).
    let peakKilobytes: Int

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func maxResidentKilobytes() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss
    }

    /// Runs in the child: compiles once to warm up (ours only; libpcap is too slow to
    /// repeat), then as many times as fit in a quarter second, keeping the fastest.
    static func run(_ side: Side, _ text: String) -> Measurement {
        var best = Double.infinity, length = -1, attachable = false
        let deadline = now() + 0.25
        var rounds = 0
        repeat {
            let start = now()
            switch side {
            case .ours:
                let target = CompilationTarget(linkLayer: .ethernet, snapLength: 262_144, source: .unattached, netmask: 0)
                do {
                    let program = try FilterCompiler().compile(text, for: target, resolver: FixedNameResolver.empty)
                    length = program.count
                    attachable = (try? program.validate(.linuxKernel)) != nil
                } catch .programTooLarge(let count) {
                    length = count  // compiled, but longer than the kernel's 4,096
                } catch {
                    length = -1
                }
            case .libpcap:
                if let handle = pcap_open_dead(1, 262_144) {
                    var program = bpf_program()
                    if pcap_compile(handle, &program, text, 1, 0) == 0 {
                        length = Int(program.bf_len)
                        attachable = length <= 4096
                        pcap_freecode(&program)
                    }
                    pcap_close(handle)
                }
            }
            best = min(best, now() - start)
            rounds += 1
        } while side == .ours && (now() < deadline || rounds < 2)
        return Measurement(seconds: best, length: length, attachable: attachable,
                           peakKilobytes: maxResidentKilobytes())
    }

    /// The child's one output line.
    var line: String { "\(seconds) \(length) \(attachable) \(peakKilobytes)" }

    init(seconds: Double, length: Int, attachable: Bool, peakKilobytes: Int) {
        self.seconds = seconds
        self.length = length
        self.attachable = attachable
        self.peakKilobytes = peakKilobytes
    }

    init?(line: String) {
        let fields = line.split(separator: " ")
        guard fields.count == 4, let seconds = Double(fields[0]), let length = Int(fields[1]),
              let kilobytes = Int(fields[3]) else { return nil }
        self.init(seconds: seconds, length: length, attachable: fields[2] == "true", peakKilobytes: kilobytes)
    }

    /// Runs `measure side family n` in a child process and reads its line.
    static func inChild(_ side: Side, family: String, terms: Int) -> Measurement? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["measure", side.rawValue, family, "\(terms)"]
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Measurement(line: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
