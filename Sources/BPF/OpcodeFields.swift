/// The bit fields of a classic BPF opcode, as `<linux/filter.h>` and `<pcap/bpf.h>` define them.
///
/// The typed ``Instruction`` is built from these; nothing else in the project spells an
/// opcode bit pattern.
public enum OpcodeClass: UInt16, CaseIterable, Sendable {
    case load = 0x00, loadX = 0x01, store = 0x02, storeX = 0x03
    case alu = 0x04, jump = 0x05, ret = 0x06, misc = 0x07

    static let mask: UInt16 = 0x07

    /// The class of an opcode (never fails: three bits cover all eight classes).
    public init(of code: UInt16) {
        self = OpcodeClass(rawValue: code & Self.mask) ?? .misc
    }
}

/// How many bytes a packet load reads.
public enum LoadSize: UInt16, CaseIterable, Sendable {
    /// A 32-bit big-endian word (`ld`).
    case word = 0x00
    /// A 16-bit big-endian half word (`ldh`).
    case half = 0x08
    /// A single byte (`ldb`).
    case byte = 0x10

    static let mask: UInt16 = 0x18

    /// The number of bytes read.
    public var byteCount: UInt32 {
        switch self {
        case .word: 4
        case .half: 2
        case .byte: 1
        }
    }
}

/// The addressing-mode bits of a load opcode.
enum AddressingModeBits: UInt16 {
    case immediate = 0x00, absolute = 0x20, indirect = 0x40, memory = 0x60, length = 0x80, msh = 0xa0
    static let mask: UInt16 = 0xe0
}

/// An arithmetic or logic operation on the accumulator.
public enum ALUOperation: UInt16, CaseIterable, Sendable {
    case add = 0x00, sub = 0x10, mul = 0x20, div = 0x30, or = 0x40, and = 0x50
    case leftShift = 0x60, rightShift = 0x70, mod = 0x90, xor = 0xa0

    /// The operation bits of `neg`, which takes no operand and so is not an ``ALUOperation``.
    static let negateBits: UInt16 = 0x80
    static let mask: UInt16 = 0xf0
}

/// The test a conditional jump applies to the accumulator.
public enum JumpCondition: UInt16, CaseIterable, Sendable {
    /// `A == operand`.
    case equal = 0x10
    /// `A > operand`, unsigned.
    case greater = 0x20
    /// `A >= operand`, unsigned.
    case greaterOrEqual = 0x30
    /// `A & operand != 0`.
    case bitsSet = 0x40

    /// The operation bits of the unconditional `ja`.
    static let alwaysBits: UInt16 = 0x00
    static let mask: UInt16 = 0xf0
}

/// The second operand of an ALU operation or a conditional jump.
public enum Operand: Hashable, Sendable {
    /// The constant `k`.
    case constant(UInt32)
    /// The index register X.
    case x

    static let sourceX: UInt16 = 0x08
}
