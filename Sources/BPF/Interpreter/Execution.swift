/// Sees the machine's state before each instruction runs; tracing is one conformance, and
/// ``SilentObserver`` specialises to nothing.
protocol ExecutionObserver {
    mutating func willExecute(pc: Int, a: UInt32, x: UInt32, scratch: UnsafeMutableBufferPointer<UInt32>)
}

/// The observer of ordinary runs: does nothing, and the optimizer removes the calls.
struct SilentObserver: ExecutionObserver {
    @inline(__always)
    func willExecute(pc: Int, a: UInt32, x: UInt32, scratch: UnsafeMutableBufferPointer<UInt32>) {}
}

/// The per-packet loop: libpcap's `bpf_filter` over decoded instructions.
enum Execution {
    /// libpcap master's bound on backward jumps per packet (`MAX_BACKWARD_JUMPS`).
    static let maximumBackwardJumps = 64

    /// Runs `code` over the first `packet.count` bytes of a packet `wireLength` long;
    /// `bytes` is the packet's first byte (any valid address when the packet is empty).
    ///
    /// Expects translated code from a validated program: jump targets and scratch cells in
    /// range, constant divisors non-zero, and the last instruction a return (or `reject`),
    /// so the loop needs no bounds checks of its own. `scratch` must hold 16 cells.
    @inline(__always)
    static func run<Observer: ExecutionObserver>(
        _ code: UnsafeBufferPointer<CompiledInstruction>,
        bytes: UnsafeRawPointer,
        packet: UnsafeRawBufferPointer,
        wireLength: UInt32,
        metadata: PacketMetadata?,
        scratch: UnsafeMutableBufferPointer<UInt32>,
        observer: inout Observer
    ) -> UInt32 {
        // libpcap's buffer length is a u_int; a larger buffer is seen as its first 4 GiB.
        let length = UInt(min(packet.count, Int(UInt32.max)))
        var a: UInt32 = 0
        var x: UInt32 = 0
        var pc = 0
        var backwardJumps = 0
        guard let base = code.baseAddress else { return 0 }
        while true {
            observer.willExecute(pc: pc, a: a, x: x, scratch: scratch)
            // Fields are read where used, not copied up front, so that fewer values compete
            // for registers at the dispatch.
            let instruction = base + pc
            let k = instruction.pointee.k
            pc &+= 1
            switch instruction.pointee.operation {
            case .loadWordAbsolute:
                guard UInt(k) &+ 4 <= length else { return 0 }
                a = word(bytes, at: UInt(k))
            case .loadHalfAbsolute:
                guard UInt(k) &+ 2 <= length else { return 0 }
                a = half(bytes, at: UInt(k))
            case .loadByteAbsolute:
                guard UInt(k) < length else { return 0 }
                a = byte(bytes, at: UInt(k))
            case .loadExtension:
                guard let value = ExtensionLoads.absolute(
                    offset: k, size: instruction.pointee.ifTrue, a: a, x: x, packet: packet, metadata: metadata)
                else { return 0 }
                a = value
            case .loadWordIndirect:
                let offset = UInt(x) &+ UInt(k)
                if offset &+ 4 <= length {
                    a = word(bytes, at: offset)
                } else {
                    guard let value = ExtensionLoads.indirect(
                        offset: x &+ k, size: 4, packet: packet, metadata: metadata)
                    else { return 0 }
                    a = value
                }
            case .loadHalfIndirect:
                let offset = UInt(x) &+ UInt(k)
                if offset &+ 2 <= length {
                    a = half(bytes, at: offset)
                } else {
                    guard let value = ExtensionLoads.indirect(
                        offset: x &+ k, size: 2, packet: packet, metadata: metadata)
                    else { return 0 }
                    a = value
                }
            case .loadByteIndirect:
                let offset = UInt(x) &+ UInt(k)
                if offset < length {
                    a = byte(bytes, at: offset)
                } else {
                    guard let value = ExtensionLoads.indirect(
                        offset: x &+ k, size: 1, packet: packet, metadata: metadata)
                    else { return 0 }
                    a = value
                }
            case .loadConstant:
                a = k
            case .loadLength:
                a = wireLength
            case .loadScratch:
                a = scratch[Int(k)]
            case .loadXConstant:
                x = k
            case .loadXLength:
                x = wireLength
            case .loadXScratch:
                x = scratch[Int(k)]
            case .loadXIPHeaderLength:
                if UInt(k) < length {
                    x = (byte(bytes, at: UInt(k)) & 0xF) &<< 2
                } else {
                    guard let value = ExtensionLoads.indirect(
                        offset: k, size: 1, packet: packet, metadata: metadata)
                    else { return 0 }
                    x = (value & 0xF) &<< 2
                }
            case .store:
                scratch[Int(k)] = a
            case .storeX:
                scratch[Int(k)] = x
            case .addConstant: a &+= k
            case .subtractConstant: a &-= k
            case .multiplyConstant: a &*= k
            case .divideConstant: a = a.dividedReportingOverflow(by: k).partialValue
            case .moduloConstant: a = a.remainderReportingOverflow(dividingBy: k).partialValue
            case .andConstant: a &= k
            case .orConstant: a |= k
            case .xorConstant: a ^= k
            case .leftShiftConstant: a &<<= k
            case .rightShiftConstant: a &>>= k
            case .addX: a &+= x
            case .subtractX: a &-= x
            case .multiplyX: a &*= x
            case .divideX:
                guard x != 0 else { return 0 }
                a = a.dividedReportingOverflow(by: x).partialValue
            case .moduloX:
                guard x != 0 else { return 0 }
                a = a.remainderReportingOverflow(dividingBy: x).partialValue
            case .andX: a &= x
            case .orX: a |= x
            case .xorX: a ^= x
            // libpcap tests the shift count held in X: 32 or more clears A.
            case .leftShiftX: a = x < 32 ? a &<< x : 0
            case .rightShiftX: a = x < 32 ? a &>> x : 0
            case .negate: a = 0 &- a
            case .tax: x = a
            case .txa: a = x
            case .jump:
                pc = Int(instruction.pointee.ifTrue)
            case .jumpBackward:
                guard backwardJumps < maximumBackwardJumps else { return 0 }
                backwardJumps &+= 1
                pc = Int(instruction.pointee.ifTrue)
            case .jumpIfEqualConstant:
                pc = Int(a == k ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .jumpIfGreaterConstant:
                pc = Int(a > k ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .jumpIfGreaterOrEqualConstant:
                pc = Int(a >= k ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .jumpIfBitsSetConstant:
                pc = Int(a & k != 0 ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .jumpIfEqualX:
                pc = Int(a == x ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .jumpIfGreaterX:
                pc = Int(a > x ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .jumpIfGreaterOrEqualX:
                pc = Int(a >= x ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .jumpIfBitsSetX:
                pc = Int(a & x != 0 ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .returnConstant:
                return k
            case .returnAccumulator:
                return a
            case .jumpIfEqualChain:
                var member = pc &- 1
                let last = member &+ Int(instruction.pointee.constant) &- 1
                while true {
                    let jump = code[member]
                    if a == jump.k {
                        pc = Int(jump.ifTrue)
                        break
                    }
                    if member == last {
                        pc = Int(jump.ifFalse)
                        break
                    }
                    member &+= 1
                    observer.willExecute(pc: member, a: a, x: x, scratch: scratch)
                }
            case .loadWordAbsoluteJumpIfEqual:
                guard UInt(k) &+ 4 <= length else { return 0 }
                a = word(bytes, at: UInt(k))
                observer.willExecute(pc: pc, a: a, x: x, scratch: scratch)
                pc = Int(a == instruction.pointee.constant ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .loadWordAbsoluteJumpIfGreater:
                guard UInt(k) &+ 4 <= length else { return 0 }
                a = word(bytes, at: UInt(k))
                observer.willExecute(pc: pc, a: a, x: x, scratch: scratch)
                pc = Int(a > instruction.pointee.constant ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .loadWordAbsoluteJumpIfGreaterOrEqual:
                guard UInt(k) &+ 4 <= length else { return 0 }
                a = word(bytes, at: UInt(k))
                observer.willExecute(pc: pc, a: a, x: x, scratch: scratch)
                pc = Int(a >= instruction.pointee.constant ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .loadWordAbsoluteJumpIfBitsSet:
                guard UInt(k) &+ 4 <= length else { return 0 }
                a = word(bytes, at: UInt(k))
                observer.willExecute(pc: pc, a: a, x: x, scratch: scratch)
                pc = Int(a & instruction.pointee.constant != 0 ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .loadHalfAbsoluteJumpIfEqual:
                guard UInt(k) &+ 2 <= length else { return 0 }
                a = half(bytes, at: UInt(k))
                observer.willExecute(pc: pc, a: a, x: x, scratch: scratch)
                pc = Int(a == instruction.pointee.constant ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .loadHalfAbsoluteJumpIfGreater:
                guard UInt(k) &+ 2 <= length else { return 0 }
                a = half(bytes, at: UInt(k))
                observer.willExecute(pc: pc, a: a, x: x, scratch: scratch)
                pc = Int(a > instruction.pointee.constant ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .loadHalfAbsoluteJumpIfGreaterOrEqual:
                guard UInt(k) &+ 2 <= length else { return 0 }
                a = half(bytes, at: UInt(k))
                observer.willExecute(pc: pc, a: a, x: x, scratch: scratch)
                pc = Int(a >= instruction.pointee.constant ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .loadHalfAbsoluteJumpIfBitsSet:
                guard UInt(k) &+ 2 <= length else { return 0 }
                a = half(bytes, at: UInt(k))
                observer.willExecute(pc: pc, a: a, x: x, scratch: scratch)
                pc = Int(a & instruction.pointee.constant != 0 ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .loadByteAbsoluteJumpIfEqual:
                guard UInt(k) < length else { return 0 }
                a = byte(bytes, at: UInt(k))
                observer.willExecute(pc: pc, a: a, x: x, scratch: scratch)
                pc = Int(a == instruction.pointee.constant ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .loadByteAbsoluteJumpIfGreater:
                guard UInt(k) < length else { return 0 }
                a = byte(bytes, at: UInt(k))
                observer.willExecute(pc: pc, a: a, x: x, scratch: scratch)
                pc = Int(a > instruction.pointee.constant ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .loadByteAbsoluteJumpIfGreaterOrEqual:
                guard UInt(k) < length else { return 0 }
                a = byte(bytes, at: UInt(k))
                observer.willExecute(pc: pc, a: a, x: x, scratch: scratch)
                pc = Int(a >= instruction.pointee.constant ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .loadByteAbsoluteJumpIfBitsSet:
                guard UInt(k) < length else { return 0 }
                a = byte(bytes, at: UInt(k))
                observer.willExecute(pc: pc, a: a, x: x, scratch: scratch)
                pc = Int(a & instruction.pointee.constant != 0 ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .loadWordIndirectJumpIfEqual, .loadHalfIndirectJumpIfEqual, .loadByteIndirectJumpIfEqual:
                let size: UInt = switch instruction.pointee.operation {
                case .loadWordIndirectJumpIfEqual: 4
                case .loadHalfIndirectJumpIfEqual: 2
                default: 1
                }
                let offset = UInt(x) &+ UInt(k)
                if offset &+ size <= length {
                    a = size == 4 ? word(bytes, at: offset) : size == 2 ? half(bytes, at: offset) : byte(bytes, at: offset)
                } else {
                    guard let value = ExtensionLoads.indirect(
                        offset: x &+ k, size: UInt32(size), packet: packet, metadata: metadata)
                    else { return 0 }
                    a = value
                }
                observer.willExecute(pc: pc, a: a, x: x, scratch: scratch)
                pc = Int(a == instruction.pointee.constant ? instruction.pointee.ifTrue : instruction.pointee.ifFalse)
            case .reject:
                return 0
            }
        }
    }

    // Unchecked big-endian reads; every caller has checked the bounds as libpcap does.
    @inline(__always)
    private static func word(_ bytes: UnsafeRawPointer, at offset: UInt) -> UInt32 {
        UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: Int(bitPattern: offset), as: UInt32.self))
    }

    @inline(__always)
    private static func half(_ bytes: UnsafeRawPointer, at offset: UInt) -> UInt32 {
        UInt32(UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: Int(bitPattern: offset), as: UInt16.self)))
    }

    @inline(__always)
    private static func byte(_ bytes: UnsafeRawPointer, at offset: UInt) -> UInt32 {
        UInt32(bytes.load(fromByteOffset: Int(bitPattern: offset), as: UInt8.self))
    }
}
