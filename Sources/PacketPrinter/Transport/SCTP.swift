extension PacketPrinter {
    /// SCTP: `addr.port > addr.port: sctp (1) [DATA] (B)(E) [TSN: …] …`, one group per
    /// chunk; chunks other than DATA, INIT, INIT ACK and SACK print only their name.
    mutating func sctp(_ data: Bytes, length: Int, addresses: IPAddresses) {
        layers.append(.sctp)
        guard let sourcePort = try? data.u16(0), let destinationPort = try? data.u16(2) else {
            ipEndpoints(addresses, trailingSpace: false)
            truncated("sctp")
            return
        }
        endpoints(addresses, sourcePort, destinationPort, .sctp)
        out.bytes.removeLast()  // tcpdump writes `: sctp` with the colon's own space.
        out.write(" sctp")
        if (6700...6706).contains(sourcePort) || (6700...6706).contains(destinationPort) {
            uncovered()  // ForCES.
            layers.append(.other)
        }
        if options.verbosity > 1 || options.quiet { uncovered() }
        guard data.count >= 12 else {
            truncated("sctp")
            return
        }
        var offset = 12
        var remaining = min(length, data.count) - 12
        var number = 1
        while remaining > 0 {
            guard let type = data.byte(offset), let flags = data.byte(offset + 1),
                  let chunkLength = try? data.u16(offset + 2) else {
                truncated("sctp")
                return
            }
            out.write(" (")
            out.decimal(number)
            out.write(") ")
            guard chunkLength >= 4 else {
                uncovered()
                out.write("[chunk length ")
                out.decimal(chunkLength)
                out.write(" < 4]")
                return
            }
            do throws(Truncated) {
                try sctpChunk(type: type, flags: flags, data, offset, length: Int(chunkLength))
            } catch {
                truncated("sctp")
                return
            }
            let padded = (Int(chunkLength) + 3) & ~3
            offset += padded
            remaining -= padded
            number += 1
        }
    }

    private mutating func sctpChunk(type: UInt8, flags: UInt8, _ data: Bytes, _ offset: Int,
                                    length: Int) throws(Truncated) {
        let names: [UInt8: StaticString] = [
            0: "DATA", 1: "INIT", 2: "INIT ACK", 3: "SACK", 4: "HB REQ", 5: "HB ACK", 6: "ABORT", 7: "SHUTDOWN",
            8: "SHUTDOWN ACK", 9: "OP ERR", 10: "COOKIE ECHO", 11: "COOKIE ACK", 12: "ECN ECHO", 13: "ECN CWR",
            14: "SHUTDOWN COMPLETE",
        ]
        guard let name = names[type] else {
            uncovered()
            out.write("[Unknown chunk type: 0x")
            out.hex(type)
            out.write("]")
            return
        }
        out.write("[")
        out.write(name)
        out.write("] ")
        switch type {
        case 0:
            if flags & 4 != 0 { out.write("(U)") }
            if flags & 2 != 0 { out.write("(B)") }
            if flags & 1 != 0 { out.write("(E)") }
            if flags & 7 != 0 { out.write(" ") }
            let tsn = try data.u32(offset + 4)
            let stream = try data.u16(offset + 8)
            let sequence = try data.u16(offset + 10)
            let protocolID = try data.u32(offset + 12)
            out.write("[TSN: ")
            out.decimal(tsn)
            out.write("] [SID: ")
            out.decimal(stream)
            out.write("] [SSEQ ")
            out.decimal(sequence)
            out.write("] [PPID ")
            if let name = Self.sctpPayloadProtocol(protocolID) {
                out.write(name)
            } else {
                out.write("0x")
                out.hex(protocolID)
            }
            out.write("] ")
        case 1, 2:
            let tag = try data.u32(offset + 4)
            let window = try data.u32(offset + 8)
            let outbound = try data.u16(offset + 12)
            let inbound = try data.u16(offset + 14)
            let initial = try data.u32(offset + 16)
            out.write("[init tag: ")
            out.decimal(tag)
            out.write("] [rwnd: ")
            out.decimal(window)
            out.write("] [OS: ")
            out.decimal(outbound)
            out.write("] [MIS: ")
            out.decimal(inbound)
            out.write("] [init TSN: ")
            out.decimal(initial)
            out.write("] ")
        case 3:
            let cumulative = try data.u32(offset + 4)
            let window = try data.u32(offset + 8)
            let gaps = try data.u16(offset + 12)
            let duplicates = try data.u16(offset + 14)
            out.write("[cum ack ")
            out.decimal(cumulative)
            out.write("] [a_rwnd ")
            out.decimal(window)
            out.write("] [#gap acks ")
            out.decimal(gaps)
            out.write("] [#dup tsns ")
            out.decimal(duplicates)
            out.write("] ")
            if gaps > 0 || duplicates > 0 { uncovered() }
        case 4, 5, 10, 11, 14:
            break
        default:
            uncovered()
        }
    }

    private static func sctpPayloadProtocol(_ value: UInt32) -> StaticString? {
        switch value {
        case 1: "IUA"
        case 2: "M2UA"
        case 3: "M3UA"
        case 4: "SUA"
        case 5: "M2PA"
        case 6: "V5UA"
        case 7: "H.248"
        case 8: "BICC/Q.2150.3"
        case 9: "TALI"
        case 10: "DUA"
        case 11: "ASAP"
        case 12: "ENRP"
        case 13: "H.323"
        case 14: "Q.IPC/Q.2150.3"
        case 15: "SIMCO"
        case 16: "DDP Segment Chunk"
        case 17: "DDP Stream Session Control"
        case 18: "S1AP"
        case 19: "RUA"
        case 20: "HNBAP"
        case 21: "ForCES-HP"
        case 22: "ForCES-MP"
        case 23: "ForCES-LP"
        case 24: "SBc-AP"
        case 25: "NBAP"
        case 27: "X2AP"
        default: nil
        }
    }
}
