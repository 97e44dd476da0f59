import BPF
import Foundation


/// Values at the edges of 32-bit arithmetic, which random tests favour.
let arithmeticBoundaries: [UInt32] = [0, 1, 2, 3, 4, 31, 32, 33, 255, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF]

extension RandomNumberGenerator {
    /// A 32-bit value: often a boundary constant, often small, otherwise anything.
    mutating func interestingUInt32() -> UInt32 {
        switch UInt8.random(in: 0..<4, using: &self) {
        case 0: arithmeticBoundaries.randomElement(using: &self) ?? 0
        case 1: UInt32.random(in: 0...80, using: &self)
        case 2: UInt32.random(in: 0...0xFFFF, using: &self)
        default: UInt32.random(in: 0...UInt32.max, using: &self)
        }
    }

    /// A packet offset, mostly near the ends of packets the tests generate.
    mutating func packetOffset() -> UInt32 {
        switch UInt8.random(in: 0..<8, using: &self) {
        case 0: arithmeticBoundaries.randomElement(using: &self) ?? 0
        case 1: UInt32.random(in: 0...0xFFFF, using: &self)
        default: UInt32.random(in: 0...80, using: &self)
        }
    }
}
