import Glibc

/// A forward-only window over a capture file's bytes: a file descriptor read in large
/// chunks (so pipes stream and big files are never held whole), or bytes in memory.
///
/// The window is one manually allocated buffer, so views into it stay valid until the
/// next `fill` or `consume` — which lets readers lend packet bytes without copying.
final class ByteSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var reachedEnd: Bool
    /// The file offset of the first byte in the window.
    private(set) var offset: UInt64 = 0

    private static let chunkSize = 256 * 1024

    /// A source reading `descriptor`, closing it when done if `owns`.
    init(descriptor: Int32, owns: Bool) {
        self.descriptor = descriptor
        self.ownsDescriptor = owns
        capacity = Self.chunkSize
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        reachedEnd = false
    }

    /// A source over bytes in memory.
    init(bytes: [UInt8]) {
        descriptor = -1
        ownsDescriptor = false
        capacity = max(bytes.count, 1)
        let storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { storage.copyMemory(from: base, byteCount: source.count) }
        }
        buffer = storage
        end = bytes.count
        reachedEnd = true
    }

    /// Opens `path` for reading, or standard input for `-`.
    static func open(path: String) throws(CaptureFileError) -> ByteSource {
        if path == "-" { return ByteSource(descriptor: 0, owns: false) }
        var descriptor: Int32
        repeat { descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC) } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw CaptureFileError(.cannotOpen(path: path, errno: errno), at: 0) }
        return ByteSource(descriptor: descriptor, owns: true)
    }

    deinit {
        buffer.deallocate()
        if ownsDescriptor { _ = close(descriptor) }
    }

    /// The number of bytes in the window.
    var available: Int { end - start }

    /// Widens the window to at least `count` bytes unless the input ends first, and returns
    /// how many bytes it now holds (fewer than `count` only at the end of input).
    @inline(__always)
    func fill(_ count: Int) throws(CaptureFileError) -> Int {
        if end - start >= count { return end - start }
        return try refill(count)
    }

    private func refill(_ count: Int) throws(CaptureFileError) -> Int {
        if reachedEnd { return end - start }
        if count > capacity - start {
            let live = end - start
            if count > capacity {
                let grown = max(count, capacity * 2)
                let newBuffer = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
                newBuffer.copyMemory(from: buffer + start, byteCount: live)
                buffer.deallocate()
                buffer = newBuffer
                capacity = grown
            } else {
                (buffer).copyMemory(from: buffer + start, byteCount: live)
            }
            start = 0
            end = live
        }
        while end - start < count {
            let got = read(descriptor, buffer + end, capacity - end)
            if got > 0 {
                end += got
            } else if got == 0 {
                reachedEnd = true
                break
            } else if errno != EINTR {
                throw CaptureFileError(.readFailed(errno: errno), at: offset &+ UInt64(end - start))
            }
        }
        return end - start
    }

    /// The first `count` bytes of the window; `count` must not exceed `available`.
    @inline(__always)
    func bytes(_ count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: buffer + start, count: min(count, end - start))
    }

    /// Drops `count` bytes (at most `available`) from the front of the window.
    @inline(__always)
    func consume(_ count: Int) {
        let dropped = min(count, end - start)
        start += dropped
        offset &+= UInt64(dropped)
    }

    /// Reads and drops up to `count` bytes; returns how many were dropped before the end.
    func skip(_ count: Int) throws(CaptureFileError) -> Int {
        var skipped = 0
        while skipped < count {
            let got = try fill(min(count - skipped, Self.chunkSize))
            if got == 0 { break }
            let step = min(got, count - skipped)
            consume(step)
            skipped += step
        }
        return skipped
    }
}

/// Reads fixed-width integers from file bytes in the file's byte order.
struct ByteOrder: Sendable {
    /// Whether the file's byte order is the opposite of this machine's.
    let swapped: Bool

    @inline(__always)
    func u16(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> UInt16 {
        let value = bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self)
        return swapped ? value.byteSwapped : value
    }

    @inline(__always)
    func u32(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        let value = bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)
        return swapped ? value.byteSwapped : value
    }

    @inline(__always)
    func u64(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> UInt64 {
        let value = bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)
        return swapped ? value.byteSwapped : value
    }
}
