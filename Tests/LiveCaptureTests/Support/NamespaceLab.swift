import Foundation
import Glibc
import PacketCraft
import PcapFile
import Testing

/// Whether the namespace tests can run here: root, `ip`, and a namespace that can really be
/// made (root is not enough in some containers).
enum LiveTestEnvironment {
    static let available: Bool = {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: NamespaceLab.ip) else { return false }
        let name = "swd-\(getpid())-probe"
        guard (try? NamespaceLab.run(NamespaceLab.ip, ["netns", "add", name]).status) == 0 else { return false }
        _ = try? NamespaceLab.run(NamespaceLab.ip, ["netns", "del", name])
        return true
    }()

    static let reason: Comment = "skipped: live capture tests need root with CAP_NET_ADMIN (ip netns) and iproute2"
}

/// Two network namespaces joined by a veth pair — `veth0` (192.0.2.1) in `a`, `veth1`
/// (192.0.2.2) in `b` — quiet (no IPv6 chatter), named uniquely after this process, and
/// deleted by ``close()`` (the veths die with them).
final class NamespaceLab {
    static let ip = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    } ?? "/usr/sbin/ip"
    static let buildFolder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    static var swiftdump: String { buildFolder.appendingPathComponent("swiftdump").path }
    static var injectFrames: String { buildFolder.appendingPathComponent("InjectFrames").path }

    let a: String
    let b: String
    private var closed = false

    init() throws {
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        a = "swd-\(getpid())-\(tag)-a"
        b = "swd-\(getpid())-\(tag)-b"
        do {
            for name in [a, b] {
                try Self.check(["netns", "add", name])
                // Before any link exists: a fresh veth otherwise sends MLD and DAD for ~2 s.
                try Self.check(["netns", "exec", name, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1",
                                "net.ipv6.conf.default.disable_ipv6=1"])
                try Self.check(["-n", name, "link", "set", "lo", "up"])
            }
            try Self.check(["link", "add", "veth0", "netns", a, "type", "veth", "peer", "name", "veth1", "netns", b])
            try Self.check(["-n", a, "addr", "add", "192.0.2.1/24", "dev", "veth0"])
            try Self.check(["-n", b, "addr", "add", "192.0.2.2/24", "dev", "veth1"])
            try Self.check(["-n", a, "link", "set", "veth0", "up"])
            try Self.check(["-n", b, "link", "set", "veth1", "up"])
            // The carrier (and IFF_RUNNING) follows a moment later, through the link watch.
            for (namespace, device) in [(a, "veth0"), (b, "veth1")] {
                var tries = 0
                while try exec(namespace, ["cat", "/sys/class/net/\(device)/operstate"]).outputText != "up\n" && tries < 200 {
                    usleep(5_000)
                    tries += 1
                }
            }
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Deletes both namespaces (only ours).
    func close() {
        guard !closed else { return }
        closed = true
        for name in [a, b] { _ = try? Self.run(Self.ip, ["netns", "del", name]) }
    }

    /// Runs a command inside `namespace`.
    @discardableResult
    func exec(_ namespace: String, _ command: [String]) throws -> LabResult {
        try Self.run(Self.ip, ["netns", "exec", namespace] + command)
    }

    /// Sends raw frames out of `interface` in `namespace` through a packet socket.
    func inject(_ frames: [[UInt8]], from namespace: String, interface: String) throws {
        let hex = frames.map { $0.map { String(format: "%02x", $0) }.joined() }
        let result = try exec(namespace, [Self.injectFrames, interface] + hex)
        guard result.status == 0 else { throw LabError.failed("InjectFrames", result.errorText) }
    }

    /// Starts `swiftdump` in `namespace` and waits for its `listening on` banner.
    func startCapture(in namespace: String, _ arguments: [String]) throws -> LiveRun {
        let run = try LiveRun(arguments: ["netns", "exec", namespace, Self.swiftdump] + arguments)
        try run.waitForBanner()
        return run
    }

    static func check(_ arguments: [String]) throws {
        let result = try run(ip, arguments)
        guard result.status == 0 else { throw LabError.failed("ip \(arguments.joined(separator: " "))", result.errorText) }
    }

    /// Runs a program to the end; output through files so it can never block on a pipe.
    static func run(_ executable: String, _ arguments: [String]) throws -> LabResult {
        let run = try LiveRun(executable: executable, arguments: arguments)
        return run.finish(timeout: 20)
    }
}

enum LabError: Error, CustomStringConvertible {
    case failed(String, String)
    case timeout(String)

    var description: String {
        switch self {
        case let .failed(what, text): "\(what) failed: \(text)"
        case .timeout(let text): "timed out: \(text)"
        }
    }
}

/// What a finished process printed and how it ended.
struct LabResult {
    var status: Int32
    var outputText: String
    var errorText: String
    var killed: Bool = false
}

/// A running process whose output goes to files, started with `posix_spawn` and reaped
/// with `waitpid` by this object alone (so its exit is never missed or raced).
final class LiveRun {
    let pid: pid_t
    private let outPath: String
    private let errPath: String
    private var exitStatus: Int32?

    init(executable: String = NamespaceLab.ip, arguments: [String]) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("swd-live-\(UUID().uuidString)").path
        outPath = base + ".out"
        errPath = base + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The test runner's threads may block or ignore signals, and a child inherits both:
        // start it with none blocked and default dispositions, as a shell would.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw LabError.failed(executable, String(cString: strerror(result))) }
        pid = child
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            _ = finish(timeout: 5)
        }
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
    }

    var errorText: String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }

    /// Whether the process is still running (reaps it when it has ended).
    var isRunning: Bool {
        if exitStatus != nil { return false }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid {
            // Exit code when it exited, 128 + signal when a signal ended it (as a shell says).
            exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            return false
        }
        return result == 0
    }

    /// Waits until the capture says it is listening (after the filter, the ring and the output
    /// file are in place), or fails if it exits or takes too long.
    func waitForBanner(timeout: Double = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if errorText.contains("listening on") { return }
            if !isRunning { throw LabError.failed("process", errorText) }
            usleep(5_000)
        }
        throw LabError.timeout("no banner: \(errorText)")
    }

    func signal(_ number: Int32) {
        if exitStatus == nil { kill(pid, number) }
    }

    /// Waits for the end (SIGKILL after `timeout` seconds).
    func finish(timeout: Double = 10) -> LabResult {
        let deadline = Date().addingTimeInterval(timeout)
        var killed = false
        while isRunning {
            if !killed && Date() > deadline {
                kill(pid, SIGKILL)
                killed = true
            }
            usleep(2_000)
        }
        return LabResult(status: exitStatus ?? -1,
                         outputText: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                         errorText: errorText, killed: killed)
    }
}

/// Test frames sent from `veth0` (02:00:00:00:00:01, 192.0.2.1) to broadcast.
enum LabFrames {
    static let source = MACAddress(0x02, 0, 0, 0, 0, 0x01)

    static func udp(port: UInt16, tags: [(tpid: EtherType, tci: UInt16)] = [], from: IPv4Address = IPv4Address(192, 0, 2, 1),
                    payload: [UInt8] = Array("swiftdump".utf8)) -> [UInt8] {
        let destination = IPv4Address(192, 0, 2, 2)
        let datagram = TransportLayer.udp(.ipv4(from, destination), sourcePort: 40000, destinationPort: port, payload: payload)
        return LinkLayer.ethernet(destination: .broadcast, source: source, type: .ipv4, vlanTags: tags,
                                  payload: NetworkLayer.ipv4(source: from, destination: destination, protocol: .udp, payload: datagram))
    }

    /// The packets of a pcap file, in order.
    static func read(_ path: String) throws -> (LinkType, [CapturedPacket]) {
        let reader = try CaptureFileReader(path: path)
        var packets: [CapturedPacket] = []
        while let packet = try reader.nextPacketView() { packets.append(packet.copy()) }
        return (reader.linkType, packets)
    }

    static func temporaryFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("swd-live-\(UUID().uuidString).pcap").path
    }
}
