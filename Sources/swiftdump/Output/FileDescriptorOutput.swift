#if canImport(Glibc)
import Glibc
#endif

/// A buffered text sink on a file descriptor; the one place the CLI writes packet lines.
///
/// Writes loop over short writes and EINTR, so a signal never leaves half a line behind.
/// A closed pipe (EPIPE) is remembered rather than thrown: the job then stops quietly, as
/// `tcpdump | head` does.
final class FileDescriptorOutput {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let flushThreshold = 64 * 1024
    /// Set once a write failed because the reader went away.
    private(set) var readerClosed = false

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(flushThreshold * 2)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold { flush() }
    }

    /// Lets `body` append bytes to the pending output directly (no intermediate String).
    func append(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        if buffer.count >= flushThreshold { flush() }
    }

    func flush() {
        guard !buffer.isEmpty, !readerClosed else { return }
        if !Self.writeAll(fd: fd, &buffer) { readerClosed = true }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes every byte; returns false when the descriptor refuses more (e.g. EPIPE).
    @discardableResult
    static func writeAll(fd: Int32, _ bytes: inout [UInt8]) -> Bool {
        bytes.withUnsafeBytes { all in
            guard let base = all.baseAddress else { return true }
            var offset = 0
            while offset < all.count {
                let written = Glibc.write(fd, base + offset, all.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}
