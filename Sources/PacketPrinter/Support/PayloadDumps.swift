extension PacketPrinter {
    /// Bytes as tcpdump shows text it does not trust (`fn_print_char`): `M-` for high bytes,
    /// `^X` for control bytes.
    mutating func escapedCharacters(_ data: Bytes, _ start: Int, _ count: Int) throws(Truncated) {
        for i in 0..<count {
            var c = try data.u8(start + i)
            if c >= 0x80 {
                out.write("M-")
                c &= 0x7f
            }
            if c < 0x20 || c == 0x7f {
                out.write("^")
                out.write(byte: c ^ 0x40)
            } else {
                out.write(byte: c)
            }
        }
    }

    /// The `-x`/`-xx`/`-X`/`-XX`/`-A` dump below the line: from the network header on, or
    /// the whole frame with the doubled flags.
    mutating func dumpPayload(_ frame: Bytes) {
        switch options.dump {
        case .none:
            return
        case .hex(let whole):
            guard whole || frame.count > linkHeaderLength else { return }
            hex(whole ? frame : frame.from(linkHeaderLength), ascii: false)
        case .hexAndASCII(let whole):
            guard whole || frame.count > linkHeaderLength else { return }
            hex(whole ? frame : frame.from(linkHeaderLength), ascii: true)
        case .ascii:
            guard frame.count > linkHeaderLength else { return }
            ascii(frame.from(linkHeaderLength))
        }
    }

    /// tcpdump's generic dump of a payload it cannot decode: hex and ASCII, unless `-q`,
    /// `-x`, `-X` or `-A` (which suppress it) was given.
    mutating func defaultPrint(_ data: Bytes) {
        guard !options.quiet, options.dump == .none else { return }
        hex(data, ascii: true)
    }

    /// Lines of `\n\t0x0000:  0001 0800 …`, sixteen bytes each, with the printable
    /// characters beside them for `-X`; `indent` starts each line (tcpdump indents the dumps
    /// inside ICMPv6 options further).
    mutating func hex(_ data: Bytes, ascii: Bool, indent: StaticString = "\n\t") {
        var offset = 0
        while offset < data.count {
            let lineLength = min(16, data.count - offset)
            out.write(indent)
            out.write("0x")
            out.hex(offset, width: 4)
            out.write(": ")
            let columnStart = out.bytes.count
            var i = 0
            while i < lineLength {
                out.write(byte: 0x20)
                out.hexByte(data.byte(offset + i) ?? 0)
                if i + 1 < lineLength { out.hexByte(data.byte(offset + i + 1) ?? 0) }
                i += 2
            }
            if ascii {
                let used = out.bytes.count - columnStart
                out.bytes.append(contentsOf: repeatElement(0x20, count: max(0, 40 - used) + 2))
                for j in 0..<lineLength {
                    let c = data.byte(offset + j) ?? 0
                    out.write(byte: c > 0x20 && c < 0x7f ? c : 0x2e)
                }
            }
            offset += lineLength
        }
    }

    /// `-A`: the bytes as text, non-printing ones as dots; CR before LF is dropped.
    mutating func ascii(_ data: Bytes) {
        out.write(byte: 0x0a)
        for i in 0..<data.count {
            let c = data.byte(i) ?? 0
            if c == 0x0d {
                if i + 1 == data.count || data.byte(i + 1) != 0x0a { out.write(byte: 0x2e) }
            } else if (c > 0x20 && c < 0x7f) || c == 0x09 || c == 0x20 || c == 0x0a {
                out.write(byte: c)
            } else {
                out.write(byte: 0x2e)
            }
        }
    }
}
