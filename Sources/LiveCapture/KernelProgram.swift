import BPF
import PcapFile

/// The program a packet socket gets, derived from the filter compiled for the device, and
/// the reason filtering happens in user space when the kernel cannot take it.
public enum KernelProgram: Hashable, Sendable {
    /// Attach these instructions.
    case attach([RawInstruction])
    /// Attach nothing and filter every packet in user space; the warning (if any) is
    /// tcpdump's text for why.
    case userSpace(warning: String?)

    /// The kernel's form of `program` for frames laid out as `layer`.
    ///
    /// A cooked socket's packets start at the network header, so (as libpcap's `fix_program`)
    /// loads past the cooked header lose its length and the header's protocol, interface and
    /// packet-type fields become ancillary loads; any other header field cannot be read in the
    /// kernel and the whole program runs in user space. A program our kernel-profile
    /// validator refuses is never attached.
    public static func derive(from program: Program, layer: DeviceLinkLayer) -> KernelProgram {
        var instructions = program.rawInstructions
        if let header = layer.cookedHeader {
            for index in instructions.indices {
                guard let rewritten = rewrite(instructions[index], header: header) else {
                    return .userSpace(warning: nil)
                }
                instructions[index] = rewritten
            }
        }
        if instructions.count > 65535 { return .userSpace(warning: "Warning: Filter too complex for kernel") }
        do {
            try Program(raw: instructions).validate(.linuxKernel)
        } catch {
            // Every rule of the kernel's checker fails the attach with EINVAL; say what
            // tcpdump would have said after trying.
            return .userSpace(warning: "Warning: Kernel filter failed: Invalid argument")
        }
        return .attach(instructions)
    }

    /// The warning tcpdump prints when `SO_ATTACH_FILTER` fails with `errno`, or nil when it
    /// stays silent (the kernel has no socket filters).
    public static func attachWarning(_ error: SystemCallError) -> String? {
        switch error.errno {
        case 12:  // ENOMEM: the program's eBPF translation exceeds net.core.optmem_max
            "Warning: Couldn't allocate kernel memory for filter: try increasing net.core.optmem_max with sysctl"
        case 92, 95:  // ENOPROTOOPT, EOPNOTSUPP
            nil
        default:
            "Warning: Kernel filter failed: \(error.reason)"
        }
    }

    private static let ancillaryBase: UInt32 = 0xFFFF_F000  // SKF_AD_OFF
    private static let protocolField: UInt32 = ancillaryBase + 0
    private static let packetTypeField: UInt32 = ancillaryBase + 4
    private static let interfaceField: UInt32 = ancillaryBase + 8

    private static func rewrite(_ instruction: RawInstruction, header: CookedHeader) -> RawInstruction? {
        let instructionClass = instruction.code & 0x07
        let mode = instruction.code & 0xe0
        // BPF_LD (0) and BPF_LDX (1) with BPF_ABS (0x20), BPF_IND (0x40) or BPF_MSH (0xa0).
        guard instructionClass <= 1, [0x20, 0x40, 0xa0].contains(mode) else { return instruction }
        var result = instruction
        let length = UInt32(header.length)
        let k = instruction.k
        if k >= length && Int32(bitPattern: k) >= 0 {
            result.k = k - length
        } else if Int32(bitPattern: k) < 0 {
            return instruction  // already an ancillary or header-relative load
        } else {
            switch (header, k) {
            case (.version2, 0), (.version1, 14): result.k = protocolField
            case (.version2, 4): result.k = interfaceField
            case (.version2, 10), (.version1, 0): result.k = packetTypeField
            default: return nil
            }
        }
        return result
    }
}
