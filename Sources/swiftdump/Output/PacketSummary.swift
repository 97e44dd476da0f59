#if canImport(Glibc)
import Glibc
#endif
import PcapFile

/// The one-line description of a packet printed until the protocol printer lands:
/// tcpdump's local time stamp, the link type, and the lengths.
struct PacketSummary {
    var precision: TimestampPrecision

    func line(for packet: PacketView, number: Int?) -> String {
        var text = ""
        if let number {
            text += leftPadded(String(number), to: 5) + "  "
        }
        text += timeOfDay(packet.timestamp)
        text += " \(packet.linkType.dltName ?? "LINKTYPE_\(packet.linkType.rawValue)")"
        text += ", length \(packet.originalLength)"
        if packet.captureLength < packet.originalLength {
            text += ", captured \(packet.captureLength)"
        }
        return text + "\n"
    }

    /// `HH:MM:SS.ffffff` (or nine fraction digits) in local time, as tcpdump prints by default.
    func timeOfDay(_ timestamp: Timestamp) -> String {
        var seconds = time_t(truncatingIfNeeded: timestamp.seconds)
        var broken = tm()
        let clock: String
        if localtime_r(&seconds, &broken) != nil {
            clock = "\(twoDigits(broken.tm_hour)):\(twoDigits(broken.tm_min)):\(twoDigits(broken.tm_sec))"
        } else {
            clock = "??:??:??"
        }
        switch precision {
        case .microseconds:
            return clock + "." + leftPadded(String(timestamp.nanoseconds / 1000), to: 6, with: "0")
        case .nanoseconds:
            return clock + "." + leftPadded(String(timestamp.nanoseconds), to: 9, with: "0")
        }
    }

    private func twoDigits(_ value: Int32) -> String {
        leftPadded(String(value), to: 2, with: "0")
    }

    private func leftPadded(_ text: String, to width: Int, with pad: Character = " ") -> String {
        String(repeating: pad, count: max(0, width - text.count)) + text
    }
}
