/// The expression families the timing table measures: OR chains of hosts, ports and nets,
/// and a mixed `tcp and (port … or …) and not (host … or …)`, as text both compilers read.
struct Family: Sendable {
    let name: String
    let text: @Sendable (Int) -> String

    static func host(_ i: Int) -> UInt32 { 0x0a00_0000 | UInt32(i + 1) }
    static func dotted(_ a: UInt32) -> String { "\(a >> 24).\((a >> 16) & 255).\((a >> 8) & 255).\(a & 255)" }
    static func hosts(_ n: Int) -> String { (0..<n).map { "host \(dotted(host($0)))" }.joined(separator: " or ") }
    static func ports(_ n: Int) -> String { (0..<n).map { "port \(1000 + $0)" }.joined(separator: " or ") }

    static let all: [Family] = [
        Family(name: "hosts", text: hosts),
        Family(name: "ports", text: ports),
        Family(name: "nets", text: { n in
            (0..<n).map { "net \(dotted(host($0 << 8) & 0xffff_ff00))/24" }.joined(separator: " or ")
        }),
        Family(name: "mixed", text: { n in
            let half = max(n / 2, 1)
            return "tcp and (\(ports(half))) and not (\(n - half > 0 ? hosts(n - half) : "ip"))"
        }),
    ]

    static func named(_ name: String) -> Family? { all.first { $0.name == name } }
}
