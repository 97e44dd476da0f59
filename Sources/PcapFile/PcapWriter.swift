import Glibc

/// Why writing a capture file failed.
public enum CaptureFileWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file could not be created (`open(2)` failed with this errno).
    case cannotOpen(path: String, errno: Int32)
    /// The reader of our pipe has gone (EPIPE): a command line ends quietly on this, as
    /// `swiftdump -w - | head -c 100` should.
    case brokenPipe
    /// `write(2)` failed with this errno.
    case writeFailed(path: String, errno: Int32)

    /// The one-line message for the user.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let code): "\(path): \(errorText(code))"
        case .brokenPipe: "write error: \(errorText(EPIPE))"
        case .writeFailed(let path, let code): "\(path): \(errorText(code))"
        }
    }
}

/// Writes packets to a pcap file in this machine's byte order, buffered.
///
/// Timestamps are written in the writer's precision (nanoseconds are truncated to
/// microseconds as libpcap does). Writes loop over short writes and EINTR, so a signal
/// cannot corrupt a piped file; a closed pipe surfaces as `brokenPipe` (the caller should
/// ignore SIGPIPE to get it). It is a class because it owns a file descriptor and a buffer.
public final class PcapWriter {
    /// The link-layer header type written in the file header.
    public let linkTypeField: LinkTypeField
    /// The snapshot length written in the file header.
    public let snapshotLength: UInt32
    /// The unit of the sub-second timestamp fields written.
    public let precision: TimestampPrecision
    /// Whether every packet is flushed as soon as it is written (tcpdump's `-U`).
    public var flushesEachPacket: Bool

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let name: String
    private let buffer = OutputBuffer(capacity: bufferLimit + 65_536)
    private var closed = false
    private static let bufferLimit = 64 * 1024

    /// Creates (or truncates) the file at `path` — `-` writes to standard output — and
    /// writes its header.
    public convenience init(path: String, linkType: LinkTypeField, snapshotLength: UInt32,
                            precision: TimestampPrecision = .microseconds,
                            flushesEachPacket: Bool = false) throws(CaptureFileWriteError) {
        if path == "-" {
            self.init(descriptor: 1, closesDescriptor: false, name: "standard output", linkType: linkType,
                      snapshotLength: snapshotLength, precision: precision, flushesEachPacket: flushesEachPacket)
            return
        }
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw .cannotOpen(path: path, errno: errno) }
        self.init(descriptor: descriptor, closesDescriptor: true, name: path, linkType: linkType,
                  snapshotLength: snapshotLength, precision: precision, flushesEachPacket: flushesEachPacket)
    }

    /// Writes to an open file descriptor, closing it at the end if `closesDescriptor`.
    public init(descriptor: Int32, closesDescriptor: Bool, name: String = "output", linkType: LinkTypeField,
                snapshotLength: UInt32, precision: TimestampPrecision = .microseconds,
                flushesEachPacket: Bool = false) {
        self.descriptor = descriptor
        self.ownsDescriptor = closesDescriptor
        self.name = name
        self.linkTypeField = linkType
        self.snapshotLength = snapshotLength
        self.precision = precision
        self.flushesEachPacket = flushesEachPacket
        append(precision == .nanoseconds ? 0xa1b2_3c4d : 0xa1b2_c3d4)
        append16(2)
        append16(4)
        append(0)  // thiszone: timestamps are UTC
        append(0)  // sigfigs
        append(snapshotLength)
        append(linkType.rawValue)
    }

    deinit {
        // Best effort: a caller that wants to see write errors calls close() first.
        if !closed { try? close() }
    }

    /// Appends one packet.
    public func write(_ packet: CapturedPacket) throws(CaptureFileWriteError) {
        appendRecord(timestamp: packet.timestamp, captureLength: UInt32(truncatingIfNeeded: packet.data.count),
                     originalLength: packet.originalLength)
        packet.data.withUnsafeBytes { buffer.append($0) }
        try afterRecord()
    }

    /// Appends one packet lent by a reader, without copying it first.
    public func write(_ packet: PacketView) throws(CaptureFileWriteError) {
        appendRecord(timestamp: packet.timestamp, captureLength: packet.captureLength,
                     originalLength: packet.originalLength)
        buffer.append(packet.bytes)
        try afterRecord()
    }

    /// Writes everything buffered to the file.
    public func flush() throws(CaptureFileWriteError) {
        guard !buffer.isEmpty else { return }
        let result: CaptureFileWriteError? = { (bytes: UnsafeRawBufferPointer) in
            var done = 0
            while done < bytes.count {
                guard let base = bytes.baseAddress else { return nil }
                let written = Glibc.write(descriptor, base + done, bytes.count - done)
                if written >= 0 {
                    done += written
                } else if errno == EPIPE {
                    return .brokenPipe
                } else if errno != EINTR {
                    return .writeFailed(path: name, errno: errno)
                }
            }
            return nil
        }(buffer.bytes)
        buffer.removeAll()
        if let result { throw result }
    }

    /// Flushes and closes the file; later writes are not allowed.
    public func close() throws(CaptureFileWriteError) {
        guard !closed else { return }
        closed = true
        defer { if ownsDescriptor { _ = Glibc.close(descriptor) } }
        try flush()
    }

    private func afterRecord() throws(CaptureFileWriteError) {
        if flushesEachPacket || buffer.count >= Self.bufferLimit { try flush() }
    }

    private func appendRecord(timestamp: Timestamp, captureLength: UInt32, originalLength: UInt32) {
        append(UInt32(truncatingIfNeeded: timestamp.seconds))
        append(timestamp.fraction(in: precision))
        append(captureLength)
        append(originalLength)
    }

    private func append(_ value: UInt32) {
        buffer.append(value)
    }

    private func append16(_ value: UInt16) {
        buffer.append(value)
    }
}
