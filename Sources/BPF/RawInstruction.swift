/// One classic BPF instruction in the kernel's `struct sock_filter` layout.
///
/// This is the wire form: what `SO_ATTACH_FILTER` takes, what `-dd`/`-ddd` print, and what
/// the typed ``Instruction`` encodes to and decodes from. Every 8-byte value is representable,
/// including opcodes no interpreter knows.
public struct RawInstruction: Hashable, Sendable {
    /// The opcode: class, size/operation, mode/source bits.
    public var code: UInt16
    /// The jump offset taken when a conditional jump's test is true.
    public var jt: UInt8
    /// The jump offset taken when a conditional jump's test is false.
    public var jf: UInt8
    /// The generic operand: constant, offset, scratch cell or jump distance.
    public var k: UInt32

    /// Creates an instruction from its four `sock_filter` fields.
    public init(code: UInt16, jt: UInt8 = 0, jf: UInt8 = 0, k: UInt32 = 0) {
        self.code = code
        self.jt = jt
        self.jf = jf
        self.k = k
    }

    /// The size of one encoded instruction in bytes.
    public static let encodedSize = 8

    /// The instruction as 8 bytes in host byte order, the layout of `struct sock_filter`.
    public var bytes: [UInt8] {
        withUnsafeBytes(of: code) { Array($0) } + [jt, jf] + withUnsafeBytes(of: k) { Array($0) }
    }

    /// Decodes an instruction from 8 bytes in host byte order; `nil` when fewer are given.
    public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        let b = Array(bytes.prefix(Self.encodedSize))
        guard b.count == Self.encodedSize else { return nil }
        let code = b[0..<2].withUnsafeBytes { $0.loadUnaligned(as: UInt16.self) }
        let k = b[4..<8].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
        self.init(code: code, jt: b[2], jf: b[3], k: k)
    }
}
