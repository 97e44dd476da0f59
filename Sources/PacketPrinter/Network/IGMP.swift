extension PacketPrinter {
    /// IGMP v1/v2 reports, leaves and queries (IGMPv3 and DVMRP are printed generically).
    mutating func igmp(_ data: Bytes, length: Int) {
        layers.append(.igmp)
        if options.quiet {
            out.write("igmp")
            return
        }
        guard let type = data.byte(0) else {
            truncated("igmp")
            return
        }
        let start = out.bytes.count
        do throws(Truncated) {
            switch type {
            case 0x11:
                out.write("igmp query")
                let maxResponse = try data.u8(1)
                if length >= 12 {
                    uncovered()  // IGMPv3 queries.
                    return
                }
                if maxResponse == 0 {
                    out.write(" v1")
                } else {
                    out.write(" v2")
                    if maxResponse != 100 {
                        out.write(" [max resp time ")
                        out.decimal(maxResponse)
                        out.write("]")
                    }
                }
                if try data.u32(4) != 0 {
                    out.write(" [gaddr ")
                    try ipv4Address(data, 4)
                    out.write("]")
                }
            case 0x12, 0x16, 0x17:
                out.write(type == 0x12 ? "igmp v1 report " : type == 0x16 ? "igmp v2 report " : "igmp leave ")
                try ipv4Address(data, 4)
            default:
                uncovered()
                out.write("igmp-")
                out.decimal(type)
                return
            }
        } catch {
            out.bytes.removeSubrange(start...)
            truncated("igmp")
            return
        }
        if length != 8 {
            out.write(" [len ")
            out.decimal(length)
            out.write("]")
        }
    }
}
