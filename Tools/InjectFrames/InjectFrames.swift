import CLinuxPacket
import Glibc

/// Test helper: sends link-layer frames, given in hex, out of an interface through a packet
/// socket — the way the live-capture tests put 802.1Q-tagged frames on a veth, since this
/// kernel cannot make VLAN sub-interfaces. Usage: `InjectFrames IFACE HEX…`.
@main
enum InjectFrames {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let interface = arguments.first else { fail("usage: InjectFrames IFACE HEX…") }
        let index = if_nametoindex(interface)
        guard index != 0 else { fail("\(interface): no such interface") }
        let fd = socket(AF_PACKET, Int32(SOCK_RAW.rawValue), 0)
        guard fd >= 0 else { fail("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_ll()
        address.sll_family = UInt16(AF_PACKET)
        address.sll_ifindex = Int32(index)
        address.sll_halen = 6
        for hex in arguments.dropFirst() {
            guard let frame = bytes(hex) else { fail("bad hex: \(hex)") }
            let sent = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    frame.withUnsafeBytes {
                        sendto(fd, $0.baseAddress, $0.count, 0, socketAddress, socklen_t(MemoryLayout<sockaddr_ll>.size))
                    }
                }
            }
            guard sent == frame.count else { fail("sendto: \(String(cString: strerror(errno)))") }
        }
        close(fd)
    }

    static func bytes(_ hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            result.append(byte)
        }
        return result
    }

    static func fail(_ message: String) -> Never {
        var text = Array("InjectFrames: \(message)\n".utf8)
        _ = write(2, &text, text.count)
        exit(1)
    }
}
