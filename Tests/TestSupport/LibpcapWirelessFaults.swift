import BPF
import PcapFilter

/// Faults of libpcap 1.10.3's programs for the 802.11 link types, recognized from the
/// unoptimized program (`pcap_compile` with optimize=0): where one is present, libpcap's
/// verdicts are wrong or undefined, so differential tests count the row instead of failing it
/// and the length report counts it apart.
public enum LibpcapWirelessFaults {
    /// Whether a program reads a scratch cell that no path to the read has written, where
    /// `bpf_filter` reads its uninitialized stack array. libpcap computes the 802.11 offsets
    /// once, at the start, into the cells of the *last* encapsulation: after `geneve` (or
    /// `pppoes` on radiotap) the offsets land in other cells and the ones its tests read are
    /// never written.
    public static func readsUnwrittenCell(_ program: [RawInstruction]) -> Bool {
        do { try Program(raw: program).validate(.linuxKernel) } catch {
            if case .scratchReadBeforeWrite = error { return true }
        }
        return false
    }

    /// Whether libpcap's program for an 802.11 link type stores, after its prologue, into a
    /// cell the prologue filled with a link offset. libpcap takes those cells on first use, so
    /// a temporary of arithmetic generated before that use can be given the same cell
    /// (`len + 1 > 2 and ip`); later tests then read the temporary as the offset. Ours reserves
    /// the cells before anything else.
    public static func clobbersWirelessOffsets(_ program: [RawInstruction], link: LinkLayer) -> Bool {
        let store: UInt16 = 0x02, storeX: UInt16 = 0x03, txa: UInt16 = 0x87, loadXConstant: UInt16 = 0x01
        func code(_ index: Int) -> UInt16? { index < program.count ? program[index].code : nil }
        var cells: Set<UInt32> = []
        var prologueEnd = 0
        switch link {
        case .ieee80211:
            guard code(0) == loadXConstant, code(3) == store else { return false }
            cells = [program[3].k]
            prologueEnd = 11
        case .ieee80211Radiotap:
            guard code(5) == store else { return false }
            cells = [program[5].k]
            prologueEnd = 7
            if code(7) == txa, code(9) == store {
                cells.insert(program[9].k)
                prologueEnd = 29
            }
        default:
            return false
        }
        return program.dropFirst(prologueEnd).contains { ($0.code == store || $0.code == storeX) && cells.contains($0.k) }
    }

    /// Whether libpcap's radiotap prologue stores the radiotap length and the payload offset
    /// into one cell: after `pppoes` its link-header cell is the payload's, and the tests that
    /// read the 802.11 header then use a cell the prologue never wrote (or only a temporary did).
    public static func sharesRadiotapCells(_ program: [RawInstruction], link: LinkLayer) -> Bool {
        let store: UInt16 = 0x02, txa: UInt16 = 0x87
        guard link == .ieee80211Radiotap, program.count > 9, program[5].code == store, program[7].code == txa,
              program[9].code == store else { return false }
        return program[5].k == program[9].k
    }

    /// Whether libpcap's verdicts for an 802.11 program are undefined or wrong by one of the
    /// faults above.
    public static func offsetsBroken(_ program: [RawInstruction], link: LinkLayer) -> Bool {
        link.isWireless && (readsUnwrittenCell(program) || clobbersWirelessOffsets(program, link: link)
            || sharesRadiotapCells(program, link: link))
    }
}
