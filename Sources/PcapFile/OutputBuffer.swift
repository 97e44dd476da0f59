import Glibc

/// A growable byte buffer that appends with `memcpy`.
///
/// `[UInt8].append(contentsOf:)` copies an `UnsafeRawBufferPointer` byte by byte (it is not
/// contiguous storage of `UInt8` to the standard library), which made writing a packet cost
/// more than reading and filtering it; this keeps the writer's per-packet work to a few
/// stores and one copy.
final class OutputBuffer {
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    /// The number of bytes held.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        storage = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 8)
    }

    deinit {
        storage.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// The bytes held, valid until the next mutation.
    var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage, count: count)
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (storage + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    func append(_ value: UInt32) {
        reserve(4)
        (storage + count).storeBytes(of: value, as: UInt32.self)
        count += 4
    }

    func append(_ value: UInt16) {
        reserve(2)
        (storage + count).storeBytes(of: value, as: UInt16.self)
        count += 2
    }

    func removeAll() {
        count = 0
    }

    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let newCapacity = max(capacity * 2, count + extra)
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 8)
        grown.copyMemory(from: storage, byteCount: count)
        storage.deallocate()
        storage = grown
        capacity = newCapacity
    }
}
