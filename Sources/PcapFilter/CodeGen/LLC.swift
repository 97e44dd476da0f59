import BPF

/// `llc`: 802.2 LLC frames and their control-field kinds (libpcap's `gen_llc*`).
enum LLC {
    static func frame(_ kind: LLCFrame, _ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        let isLLC: Predicate
        if e.linkLayer.isWireless {
            // Every 802.11 data frame carries LLC.
            isLLC = e.isWirelessDataFrame
        } else {
            guard e.linkLayer == .ethernet else { throw .llcUnsupported(e.linkLayer) }
            // An 802.3 length field, and not Novell's raw 802.3 (0xffff where the SAPs would be).
            isLLC = .and(e.isLLCFrame, .not(e.linkPayload.compare(.half, at: 0, 0xffff)))
        }
        let control: Predicate
        switch kind {
        case .any: return isLLC
        case .information: control = .not(e.linkPayload.compare(.byte, at: 2, .bitsSet, 1))
        case .supervisory: control = e.linkPayload.compare(.byte, at: 2, 0x01, mask: 0x03)
        case .unnumbered: control = e.linkPayload.compare(.byte, at: 2, 0x03, mask: 0x03)
        case .supervisoryFunction(let value): control = e.linkPayload.compare(.byte, at: 2, UInt32(value), mask: 0x0f)
        case .unnumberedFunction(let value): control = e.linkPayload.compare(.byte, at: 2, UInt32(value), mask: 0xef)
        }
        return .and(isLLC, control)
    }
}
