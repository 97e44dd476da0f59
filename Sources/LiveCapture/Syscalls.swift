import CLinuxPacket
import Glibc

/// A failed system call: its name and the errno it set.
public struct SystemCallError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The call that failed, as libpcap names it in messages (`socket`, `bind`, `SIOCGIFHWADDR`).
    public var call: String
    /// The errno it set.
    public var errno: Int32

    /// Creates an error for `call` failing with `errno`.
    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// The C library's text for the errno.
    public var reason: String { String(cString: strerror(errno)) }

    /// `call: reason`, libpcap's form.
    public var description: String { "\(call): \(reason)" }
}

/// The only place in LiveCapture that calls the C library: thin wrappers that retry EINTR
/// and turn -1 into a `SystemCallError` naming the call.
enum Syscalls {
    private static func check(_ call: String, _ body: () -> Int32) throws(SystemCallError) -> Int32 {
        while true {
            let result = body()
            if result >= 0 { return result }
            if errno != EINTR { throw SystemCallError(call: call, errno: errno) }
        }
    }

    static func packetSocket(cooked: Bool) throws(SystemCallError) -> Int32 {
        // Protocol 0: no packet hook yet, so nothing is received before the filter is attached.
        try check("socket") { socket(AF_PACKET, Int32(cooked ? SOCK_DGRAM.rawValue : SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
    }

    static func datagramSocket() throws(SystemCallError) -> Int32 {
        try check("socket") { socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
    }

    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    static func setOption<T: BitwiseCopyable>(_ fd: Int32, level: Int32, name: Int32, _ value: T, call: String) throws(SystemCallError) {
        var value = value
        _ = try check(call) {
            setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<T>.size))
        }
    }

    static func getOption<T: BitwiseCopyable>(_ fd: Int32, level: Int32, name: Int32, into value: inout T, call: String) throws(SystemCallError) {
        var length = socklen_t(MemoryLayout<T>.size)
        _ = try check(call) { getsockopt(fd, level, name, &value, &length) }
    }

    static func attachFilter(_ fd: Int32, _ instructions: [sock_filter]) throws(SystemCallError) {
        var copy = instructions
        _ = try copy.withUnsafeMutableBufferPointer { (buffer) throws(SystemCallError) -> Int32 in
            var program = sock_fprog(len: UInt16(truncatingIfNeeded: buffer.count), filter: buffer.baseAddress)
            return try check("SO_ATTACH_FILTER") {
                setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &program, socklen_t(MemoryLayout<sock_fprog>.size))
            }
        }
    }

    static func bind(_ fd: Int32, interfaceIndex: Int32, etherType: UInt16) throws(SystemCallError) {
        var address = sockaddr_ll()
        address.sll_family = UInt16(AF_PACKET)
        address.sll_ifindex = interfaceIndex
        address.sll_protocol = etherType.bigEndian
        _ = try check("bind") {
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_ll>.size))
                }
            }
        }
    }

    static func interfaceRequest(_ fd: Int32, name: String, request: Int32, call: String) throws(SystemCallError) -> ifreq {
        var request_ = ifreq()
        withUnsafeMutableBytes(of: &request_.ifr_ifrn.ifrn_name) { bytes in
            for (offset, byte) in name.utf8.prefix(bytes.count - 1).enumerated() { bytes[offset] = byte }
        }
        _ = try check(call) { swiftdump_ioctl_pointer(fd, UInt(request), &request_) }
        return request_
    }

    static func mapShared(_ fd: Int32, length: Int) throws(SystemCallError) -> UnsafeMutableRawPointer {
        guard let address = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), address != MAP_FAILED else {
            throw SystemCallError(call: "mmap", errno: errno)
        }
        return address
    }

    static func unmap(_ address: UnsafeMutableRawPointer, length: Int) {
        _ = munmap(address, length)
    }

    /// Polls `descriptors` for input; returns each one's `revents`, or nil when a signal
    /// interrupted the wait (the caller looks at its requests and polls again).
    static func poll(_ descriptors: [Int32], timeoutMilliseconds: Int32) throws(SystemCallError) -> [Int16]? {
        var entries = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let result = Glibc.poll(&entries, nfds_t(entries.count), timeoutMilliseconds)
        if result < 0 {
            if errno == EINTR { return nil }
            throw SystemCallError(call: "poll", errno: errno)
        }
        return entries.map(\.revents)
    }

    static func indexToName(_ index: UInt32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(IF_NAMESIZE) + 1)
        guard if_indextoname(index, &buffer) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Each interface's name and `ifa_flags` from `getifaddrs`, once per name, in the
    /// kernel's order (the `AF_PACKET` entries come first and list every interface).
    static func interfaceFlags() throws(SystemCallError) -> [(name: String, flags: UInt32)] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { throw SystemCallError(call: "getifaddrs", errno: errno) }
        defer { freeifaddrs(list) }
        var result: [(name: String, flags: UInt32)] = []
        var entry = list
        while let current = entry {
            if let namePointer = current.pointee.ifa_name {
                let name = String(cString: namePointer)
                if !result.contains(where: { $0.name == name }) {
                    result.append((name, current.pointee.ifa_flags))
                }
            }
            entry = current.pointee.ifa_next
        }
        return result
    }

    static func readFile(_ path: String, limit: Int = 64) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = Glibc.close(fd) }
        var bytes = [UInt8](repeating: 0, count: limit)
        let count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard count >= 0 else { return nil }
        return String(decoding: bytes.prefix(count), as: UTF8.self)
    }

    /// Blocks `signals` for this thread and returns a descriptor that reads them instead:
    /// no handler runs, so nothing async-signal-unsafe can happen inside one.
    static func signalDescriptor(_ signals: [Int32]) throws(SystemCallError) -> Int32 {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        guard pthread_sigmask(SIG_BLOCK, &set, nil) == 0 else { throw SystemCallError(call: "sigprocmask", errno: errno) }
        return try check("signalfd") { signalfd(-1, &set, Int32(SFD_NONBLOCK | SFD_CLOEXEC)) }
    }

    /// The signal numbers waiting on a signal descriptor, oldest first; empty when none.
    static func readSignals(_ fd: Int32) -> [Int32] {
        var signals: [Int32] = []
        var info = signalfd_siginfo()
        while true {
            let count = withUnsafeMutableBytes(of: &info) { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count == MemoryLayout<signalfd_siginfo>.size {
                signals.append(Int32(bitPattern: info.ssi_signo))
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return signals
            }
        }
    }
}

extension Syscalls {
    static func monotonicMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    static var pageSize: Int { Int(sysconf(Int32(_SC_PAGESIZE))) }
}

extension Syscalls {
    static func nameToIndex(_ name: String) -> UInt32 {
        if_nametoindex(name)
    }
}

extension Syscalls {
    /// The ARPHRD type of an interface, through an ordinary datagram socket (no privilege).
    static func hardwareType(of name: String) throws(SystemCallError) -> UInt16 {
        let fd = try datagramSocket()
        defer { close(fd) }
        return try interfaceRequest(fd, name: name, request: Int32(SIOCGIFHWADDR), call: "SIOCGIFHWADDR")
            .ifr_ifru.ifru_hwaddr.sa_family
    }
}

extension Syscalls {
    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }
}

extension Syscalls {
    /// SIGINT, SIGTERM, SIGHUP: stop the capture.
    static let stopSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// SIGUSR1: report the statistics.
    static let reportSignal: Int32 = SIGUSR1
    /// SIGUSR2: flush the output.
    static let flushSignal: Int32 = SIGUSR2
}
