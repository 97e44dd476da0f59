/// The devices `-D` lists, in libpcap's order and format.
public enum DeviceList {
    /// One listed device.
    public struct Entry: Hashable, Sendable {
        /// The name `-i` accepts.
        public var name: String
        /// A description, shown in parentheses (only `any` has one on Linux).
        public var description: String?
        /// The status words inside the brackets.
        public var status: [String]

        /// tcpdump's line, without its number: `eth0 [Up, Running, Connected]`.
        public var line: String {
            let words = status.isEmpty ? "none" : status.joined(separator: ", ")
            return name + (description.map { " (\($0))" } ?? "") + " [\(words)]"
        }
    }

    private static let up: UInt32 = 0x1         // IFF_UP
    private static let loopback: UInt32 = 0x8   // IFF_LOOPBACK
    private static let running: UInt32 = 0x40   // IFF_RUNNING

    /// Every interface `getifaddrs` reports plus `any`, sorted as libpcap sorts them: a
    /// stable sort on penalties (not running, not up, disconnected, loopback, the `any`
    /// pseudo-device — the first most significant), ties in the kernel's order.
    ///
    /// The connection state comes from the carrier (`/sys/class/net/NAME/carrier`) where
    /// libpcap asks ethtool; devices without one (loopback, down devices) get no word.
    /// libpcap's non-network devices (Bluetooth, netfilter, D-Bus) are not listed: swiftdump
    /// cannot capture on them.
    public static func entries() throws(LiveCaptureError) -> [Entry] {
        let interfaces: [(name: String, flags: UInt32)]
        do {
            interfaces = try Syscalls.interfaceFlags()
        } catch {
            throw .captureFailed(error)
        }
        var ranked: [(merit: Int, entry: Entry)] = interfaces.map { interface in
            var status: [String] = []
            let isUp = interface.flags & up != 0
            let isRunning = interface.flags & running != 0
            let isLoopback = interface.flags & loopback != 0
            if isUp { status.append("Up") }
            if isRunning { status.append("Running") }
            var disconnected = false
            if isLoopback {
                status.append("Loopback")
            } else if Syscalls.exists("/sys/class/net/\(interface.name)/wireless") {
                status.append("Wireless")
            } else if isUp, let carrier = Syscalls.readFile("/sys/class/net/\(interface.name)/carrier") {
                disconnected = carrier.hasPrefix("0")
                status.append(disconnected ? "Disconnected" : "Connected")
            }
            var merit = 0
            if !isRunning { merit |= 16 }
            if !isUp { merit |= 8 }
            if disconnected { merit |= 4 }
            if isLoopback { merit |= 2 }
            return (merit, Entry(name: interface.name, description: nil, status: status))
        }
        ranked.append((1, Entry(name: "any", description: "Pseudo-device that captures on all interfaces",
                                status: ["Up", "Running"])))
        // A stable sort: Swift's `sorted` is not guaranteed stable, so sort on (merit, position).
        return ranked.enumerated()
            .sorted { ($0.element.merit, $0.offset) < ($1.element.merit, $1.offset) }
            .map(\.element.entry)
    }

    /// tcpdump's `-D` output: one numbered line per device.
    public static func listing(_ entries: [Entry]) -> String {
        entries.enumerated().map { "\($0.offset + 1).\($0.element.line)\n" }.joined()
    }
}
