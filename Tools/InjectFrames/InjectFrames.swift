import CLinuxPacket
import Glibc

/// Test helper: sends link-layer frames, given in hex, out of an interface through a packet
/// socket — the way the live-capture tests put 802.1Q-tagged frames on a veth, since this
/// kernel cannot make VLAN sub-interfaces. Usage: `InjectFrames IFACE HEX…`.
///
/// `InjectFrames --flood PPS SECONDS IFACE HEX…` sends the frames round-robin at PPS packets
/// per second (0: as fast as possible) for SECONDS, then prints how many it sent and how long
/// it took (the capture benchmark's traffic).
@main
enum InjectFrames {
    static func main() {
        var arguments = CommandLine.arguments.dropFirst()
        var flood: (rate: Int, seconds: Double)?
        if arguments.first == "--flood" {
            let values = Array(arguments.dropFirst().prefix(2))
            guard values.count == 2, let rate = Int(values[0]), let seconds = Double(values[1]) else {
                fail("usage: InjectFrames --flood PPS SECONDS IFACE HEX…")
            }
            flood = (rate, seconds)
            arguments = arguments.dropFirst(3)
        }
        guard let interface = arguments.first else { fail("usage: InjectFrames IFACE HEX…") }
        let index = if_nametoindex(interface)
        guard index != 0 else { fail("\(interface): no such interface") }
        let fd = socket(AF_PACKET, Int32(SOCK_RAW.rawValue), 0)
        guard fd >= 0 else { fail("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_ll()
        address.sll_family = UInt16(AF_PACKET)
        address.sll_ifindex = Int32(index)
        address.sll_halen = 6
        let frames = arguments.dropFirst().map { hex in
            guard let frame = bytes(hex) else { fail("bad hex: \(hex)") }
            return frame
        }
        if let flood {
            run(flood: flood, fd: fd, frames: frames, address: address)
            close(fd)
            return
        }
        for frame in frames {
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

    /// Sends `frames` round-robin, paced in bursts of 32 against the monotonic clock.
    static func run(flood: (rate: Int, seconds: Double), fd: Int32, frames: [[UInt8]], address: sockaddr_ll) {
        guard !frames.isEmpty else { return }
        var address = address
        let start = now()
        let end = start + flood.seconds
        var sent = 0
        var failed = 0
        while true {
            let elapsed = now() - start
            if start + elapsed >= end { break }
            if flood.rate > 0 {
                let due = Int(elapsed * Double(flood.rate))
                if sent >= due {
                    var pause = timespec(tv_sec: 0, tv_nsec: 50_000)
                    nanosleep(&pause, nil)
                    continue
                }
            }
            for _ in 0..<32 {
                let frame = frames[sent % frames.count]
                let result = withUnsafePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                        frame.withUnsafeBytes {
                            sendto(fd, $0.baseAddress, $0.count, 0, socketAddress, socklen_t(MemoryLayout<sockaddr_ll>.size))
                        }
                    }
                }
                if result < 0 { failed += 1 } else { sent += 1 }
            }
        }
        print("sent \(sent) failed \(failed) seconds \(now() - start)")
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
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
