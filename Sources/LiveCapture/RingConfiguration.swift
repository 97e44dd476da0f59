/// The geometry and timing of a TPACKET_V3 receive ring, checked against the kernel's rules
/// before the kernel sees it.
public struct RingConfiguration: Hashable, Sendable {
    /// The size of each block, as libpcap chooses for the maximum snapshot length: a packet
    /// must fit in one block or the kernel silently clamps it, and a loopback or GRO packet
    /// reaches 64 KiB plus headers.
    public static let blockSize = 256 * 1024
    /// The smallest block the kernel could be given without clamping a 64 KiB packet.
    static let smallestSafeBlock = 128 * 1024
    /// The default buffer (tcpdump's `-B` default, 2 MiB).
    public static let defaultBufferKiB = 2048

    /// Bytes per block (a multiple of the page size).
    public var blockSize: Int
    /// How many blocks the ring has.
    public var blockCount: Int
    /// How long the kernel waits before handing over a block that is not full, in milliseconds.
    public var retireTimeoutMilliseconds: Int

    /// A ring of `bufferKiB` KiB (rounded up to whole blocks) whose blocks retire after
    /// `retireTimeoutMilliseconds`.
    ///
    /// Blocks are libpcap's 256 KiB, except that a buffer under 1 MiB is cut into 128 KiB
    /// blocks: while user space holds a block the kernel can only fill the others, and a
    /// one-block ring (libpcap's choice for `-B 256`) drops everything that arrives meanwhile.
    /// 128 KiB still holds the largest loopback or GRO packet (64 KiB plus headers).
    public init(bufferKiB: Int = defaultBufferKiB, retireTimeoutMilliseconds: Int = 1000) {
        let bytes = max(bufferKiB, 1).multipliedReportingOverflow(by: 1024)
        let total = bytes.overflow ? Int.max / 2 : bytes.partialValue
        blockSize = total < 4 * Self.blockSize ? Self.smallestSafeBlock : Self.blockSize
        blockCount = max(1, (total + blockSize - 1) / blockSize)
        self.retireTimeoutMilliseconds = retireTimeoutMilliseconds
    }

    /// Checks the kernel's constraints (`packet_set_ring`) and ours; returns the reason it
    /// would be refused, or nil.
    public func problem(pageSize: Int) -> String? {
        if pageSize <= 0 || blockSize % pageSize != 0 { return "block size \(blockSize) is not a multiple of the page size" }
        if blockSize < Self.smallestSafeBlock { return "block size \(blockSize) would clamp 64 KiB packets" }
        if blockCount < 1 { return "no blocks" }
        if blockCount > UInt32.max / UInt32(blockSize) { return "ring of \(blockCount) blocks is too large" }
        // Older kernels keep the timeout in 16 bits; 0 would let the kernel choose.
        if !(1...65535).contains(retireTimeoutMilliseconds) {
            return "retire timeout \(retireTimeoutMilliseconds) ms is outside 1…65535"
        }
        return nil
    }

    /// The total mapped length.
    public var mappedLength: Int { blockSize * blockCount }
}
