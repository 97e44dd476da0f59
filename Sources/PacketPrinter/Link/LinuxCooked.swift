extension PacketPrinter {
    /// LINUX_SLL: a 16-byte cooked header; `-e` prints the direction, the sender's address
    /// and the ethertype.
    mutating func linuxCooked(_ frame: Bytes, wireLength: Int) {
        layers.append(.linuxCooked)
        guard frame.count >= 16, let packetType = try? frame.u16(0), let addressLength = try? frame.u16(4),
              let type = try? frame.u16(14) else {
            truncatedLink("sll", frame)
            return
        }
        linkHeaderLength = 16
        if options.linkHeader {
            cookedHeader(frame, packetType: packetType, addressLength: Int(addressLength), addressOffset: 6,
                         type: type, length: wireLength)
        }
        cookedPayload(frame, type: type, headerLength: 16, wireLength: wireLength, packetType: packetType,
                      addressLength: Int(addressLength), addressOffset: 6)
    }

    /// LINUX_SLL2 (`-i any`): a 20-byte header that also carries the interface index;
    /// tcpdump always prints the interface and direction.
    mutating func linuxCooked2(_ frame: Bytes, wireLength: Int) {
        layers.append(.linuxCooked)
        guard frame.count >= 20, let type = try? frame.u16(0), let index = try? frame.u32(4),
              let packetType = try? frame.u8(10), let addressLength = try? frame.u8(11) else {
            truncatedLink("sll2", frame)
            return
        }
        linkHeaderLength = 20
        let name = resolver.interfaceName(index: index) ?? "?"
        out.write(string: name)
        out.bytes.append(contentsOf: repeatElement(0x20, count: max(0, 5 - name.utf8.count) + 1))
        let direction = Self.directionName(UInt16(packetType))
        out.write(direction)
        out.bytes.append(contentsOf: repeatElement(0x20, count: max(0, 3 - direction.utf8CodeUnitCount) + 1))
        if options.linkHeader {
            out.write("ifindex ")
            out.decimal(index)
            out.write(" ")
            if addressLength == 6 {
                try? macAddress(frame, 12)
                out.write(" ")
            }
            if !options.quiet {
                ethertypeName(type)
                out.write(", length ")
                out.decimal(wireLength)
                out.write(": ")
            }
        }
        cookedPayload(frame, type: type, headerLength: 20, wireLength: wireLength, packetType: UInt16(packetType),
                      addressLength: Int(addressLength), addressOffset: 12)
    }

    private static func directionName(_ packetType: UInt16) -> StaticString {
        switch packetType {
        case 0: "In"
        case 1: "B"
        case 2: "M"
        case 3: "P"
        case 4: "Out"
        default: "?"
        }
    }

    private mutating func cookedHeader(_ frame: Bytes, packetType: UInt16, addressLength: Int, addressOffset: Int,
                                       type: UInt16, length: Int) {
        let direction = Self.directionName(packetType)
        out.bytes.append(contentsOf: repeatElement(0x20, count: max(0, 3 - direction.utf8CodeUnitCount)))
        out.write(direction)
        out.write(" ")
        if addressLength == 6 {
            try? macAddress(frame, addressOffset)
            out.write(" ")
        }
        if !options.quiet {
            ethertypeName(type)
            out.write(", length ")
            out.decimal(length)
            out.write(": ")
        }
    }

    private mutating func cookedPayload(_ frame: Bytes, type: UInt16, headerLength: Int, wireLength: Int,
                                        packetType: UInt16, addressLength: Int, addressOffset: Int) {
        var type = type
        var offset = headerLength
        var length = wireLength - headerLength
        if type <= 1500 {
            // Linux's pseudo-ethertypes for 802.2, Novell 802.3 and the like.
            layers.append(.other)
            uncovered()
            defaultPrint(frame.from(offset))
            return
        }
        while type == 0x8100 {
            if !layers.contains(.vlan) { layers.append(.vlan) }
            guard let tag = try? frame.u16(offset), let inner = try? frame.u16(offset + 2) else {
                truncated("vlan")
                return
            }
            if options.linkHeader {
                vlanTag(tag)
                ethertypeName(inner)
                out.write(", ")
            }
            type = inner
            offset += 4
            length -= 4
            linkHeaderLength = offset
        }
        if !ethertype(type, frame.from(offset), length: length) {
            if !options.linkHeader && headerLength == 16 {
                cookedHeader(frame, packetType: packetType, addressLength: addressLength, addressOffset: addressOffset,
                             type: type, length: wireLength)
            }
            defaultPrint(frame.from(offset))
        }
    }
}
