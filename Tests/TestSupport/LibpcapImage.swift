import CLibpcap
import Synchronization

/// libpcap's `bpf_image`, safe to call from concurrent tests.
///
/// `bpf_image` formats into one static buffer, so every caller in the test process must take
/// the same lock: two test modules with a lock each still overwrite each other's line.
public enum LibpcapImage {
    private static let lock = Mutex(())

    /// The line `tcpdump -d` prints for `instruction` at `pc`.
    public static func line(of instruction: bpf_insn, at pc: Int) -> String {
        var copy = instruction
        return lock.withLock { _ in
            String(cString: bpf_image(&copy, Int32(truncatingIfNeeded: pc)))
        }
    }
}
