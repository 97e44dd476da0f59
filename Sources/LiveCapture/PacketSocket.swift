import BPF
import CLinuxPacket
import PcapFile

/// What opening a device needs besides its name.
public struct CaptureSettings: Hashable, Sendable {
    /// Bytes kept of each packet.
    public var snapshotLength: UInt32
    /// Whether to join the device's promiscuous membership (never on `any`).
    public var promiscuous: Bool
    /// The ring's geometry and timing.
    public var ring: RingConfiguration
    /// Whether nanosecond time stamps are wanted (they also make the kernel stamp earlier).
    public var nanosecondTimestamps: Bool

    /// Creates settings.
    public init(snapshotLength: UInt32 = 262_144, promiscuous: Bool = true, ring: RingConfiguration = RingConfiguration(),
                nanosecondTimestamps: Bool = false) {
        self.snapshotLength = snapshotLength
        self.promiscuous = promiscuous
        self.ring = ring
        self.nanosecondTimestamps = nanosecondTimestamps
    }
}

/// An open AF_PACKET socket with its filter attached and a TPACKET_V3 ring mapped, bound to
/// one device or to all (`any`).
///
/// It opens in the order that lets no unfiltered packet in (LIVE-CAPTURE.md §2): socket
/// with protocol 0 (no packet hook yet), filter, ring, and only then `bind` with
/// `ETH_P_ALL`; then it checks `SO_ERROR`, because a down device binds "successfully".
public final class PacketSocket: PacketSource {
    /// The device name as given (or resolved from a `-D` number).
    public let deviceName: String
    /// The device's interface index (0 for `any`).
    public let interfaceIndex: Int32
    /// The loopback interface's index, whose outgoing copies are dropped; nil without one.
    public let loopbackIndex: Int32?
    /// How frames from this device are laid out.
    public let layer: DeviceLinkLayer
    /// Why the filter runs in user space, when it does: nil when the kernel runs it.
    public let userSpaceFiltering: KernelProgram?
    private let descriptor: Int32
    private var ring: BlockRing

    /// Opens `device` (a name, `any`, or a number from the `-D` list) and attaches the program
    /// `filter` returns for its link layer.
    public init(device: String, settings: CaptureSettings,
                filter: (DeviceLinkLayer) throws -> Program) throws {
        // Numbers from the `-D` list are accepted when no interface has that name.
        var name = device
        if Syscalls.nameToIndex(device) == 0, let number = Int(device), number > 0,
           let listed = try? DeviceList.entries(), number <= listed.count {
            name = listed[number - 1].name
        }
        let opening = Opening(name: name)
        defer { opening.closeUnlessKept() }
        try opening.openSocket(cooked: name == "any")
        var index: Int32 = 0
        var layer = DeviceLinkLayer.anyDevice
        if name != "any" {
            guard name.utf8.count < Int(IF_NAMESIZE) else { throw LiveCaptureError.noSuchDevice(name: name) }
            let hardwareType = try opening.call { fd throws(SystemCallError) in
                try Syscalls.interfaceRequest(fd, name: name, request: Int32(SIOCGIFHWADDR), call: "SIOCGIFHWADDR")
                    .ifr_ifru.ifru_hwaddr.sa_family
            }
            index = try opening.call { fd throws(SystemCallError) in
                try Syscalls.interfaceRequest(fd, name: name, request: Int32(SIOCGIFINDEX), call: "SIOCGIFINDEX")
                    .ifr_ifru.ifru_ivalue
            }
            layer = DeviceLinkLayer(hardwareType: hardwareType)
            if layer.cookedHeader != nil { try opening.openSocket(cooked: true) }
        }
        loopbackIndex = try? opening.call { fd throws(SystemCallError) in
            try Syscalls.interfaceRequest(fd, name: "lo", request: Int32(SIOCGIFINDEX), call: "SIOCGIFINDEX")
                .ifr_ifru.ifru_ivalue
        }
        try opening.call { fd throws(SystemCallError) in
            try Syscalls.setOption(fd, level: SOL_PACKET, name: PACKET_VERSION, Int32(TPACKET_V3.rawValue), call: "PACKET_VERSION")
        }

        // The filter goes on before the ring exists and before bind: nothing unfiltered gets in.
        var userSpace: KernelProgram? = nil
        switch KernelProgram.derive(from: try filter(layer), layer: layer) {
        case .attach(let instructions):
            let raw = instructions.map { sock_filter(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k) }
            do {
                try Syscalls.attachFilter(opening.descriptor, raw)
            } catch {
                userSpace = .userSpace(warning: KernelProgram.attachWarning(error))
            }
        case let fallback:
            userSpace = fallback
        }
        userSpaceFiltering = userSpace

        if settings.nanosecondTimestamps {
            try opening.call { fd throws(SystemCallError) in
                try Syscalls.setOption(fd, level: SOL_SOCKET, name: SO_TIMESTAMPNS, Int32(1), call: "SO_TIMESTAMPNS")
            }
        }
        if let problem = settings.ring.problem(pageSize: Syscalls.pageSize) {
            throw LiveCaptureError.invalidRing(problem)
        }
        ring = try opening.call { fd throws(SystemCallError) in try BlockRing(descriptor: fd, configuration: settings.ring) }

        try opening.call { fd throws(SystemCallError) in
            try Syscalls.bind(fd, interfaceIndex: index, etherType: UInt16(ETH_P_ALL))
        }
        // A down device binds without complaint and then delivers nothing.
        var pending: Int32 = 0
        try opening.call { fd throws(SystemCallError) in
            try Syscalls.getOption(fd, level: SOL_SOCKET, name: SO_ERROR, into: &pending, call: "getsockopt (SO_ERROR)")
        }
        if pending == 100 { throw LiveCaptureError.deviceNotUp(name: name) }
        if pending > 0 { throw LiveCaptureError.openFailed(name: name, SystemCallError(call: "bind", errno: pending)) }

        if settings.promiscuous && name != "any" {
            var membership = packet_mreq()
            membership.mr_ifindex = index
            membership.mr_type = UInt16(PACKET_MR_PROMISC)
            try opening.call { fd throws(SystemCallError) in
                try Syscalls.setOption(fd, level: SOL_PACKET, name: PACKET_ADD_MEMBERSHIP, membership,
                                       call: "PACKET_ADD_MEMBERSHIP")
            }
        }
        opening.keep()
        descriptor = opening.descriptor
        deviceName = name
        interfaceIndex = index
        self.layer = layer
    }

    deinit {
        ring.unmap()
        // Closing the socket also ends the promiscuous membership (the kernel counts it).
        Syscalls.close(descriptor)
    }

    /// Whether the kernel's open block already holds packets its timer will hand over.
    public var hasPendingPackets: Bool { ring.hasPendingPackets }

    /// The block retire timeout: the longest the kernel holds a packet back.
    public var deliveryDelayMilliseconds: Int32 { Int32(ring.configuration.retireTimeoutMilliseconds) }

    /// Hands over every ready block, else polls the socket (and `wake`) first. A device that
    /// goes down or away surfaces as `POLLERR` with `ENETDOWN`: the blocks already handed over
    /// are delivered before the error is thrown.
    public func receive(timeoutMilliseconds: Int32, wake: Int32?,
                        _ body: (RingFrame, UnsafeRawBufferPointer) throws -> Bool) throws -> ReceiveOutcome {
        while true {
            if ring.blockIsReady {
                try ring.deliverReadyBlocks(body)
                return .delivered
            }
            let descriptors = [descriptor] + (wake.map { [$0] } ?? [])
            guard let events = try Self.wrap({ () throws(SystemCallError) in
                try Syscalls.poll(descriptors, timeoutMilliseconds: timeoutMilliseconds) }) else { return .woken }
            if events[0] & Int16(POLLERR) != 0 {
                if ring.blockIsReady { try ring.deliverReadyBlocks(body) }
                var pending: Int32 = 0
                try Self.wrap { () throws(SystemCallError) in
                    try Syscalls.getOption(self.descriptor, level: SOL_SOCKET, name: SO_ERROR, into: &pending,
                                           call: "getsockopt (SO_ERROR)") }
                if pending == 100 || pending == 19 {
                    throw Syscalls.indexToName(UInt32(bitPattern: interfaceIndex)) == nil && interfaceIndex != 0
                        ? LiveCaptureError.interfaceDisappeared : LiveCaptureError.interfaceWentDown
                }
                if pending > 0 { throw LiveCaptureError.captureFailed(SystemCallError(call: "poll", errno: pending)) }
            }
            if events.count > 1 && events[1] != 0 { return .woken }
            if events[0] == 0 { return .timedOut }
            if !ring.blockIsReady { return .timedOut }
        }
    }

    /// `PACKET_STATISTICS` since the previous read (the kernel clears its counters on each read).
    public func takeStatistics() throws(LiveCaptureError) -> KernelStatistics {
        var counters = tpacket_stats_v3()
        do {
            try Syscalls.getOption(descriptor, level: SOL_PACKET, name: PACKET_STATISTICS, into: &counters,
                                   call: "getsockopt (PACKET_STATISTICS)")
        } catch {
            throw .captureFailed(error)
        }
        return KernelStatistics(received: UInt64(counters.tp_packets), dropped: UInt64(counters.tp_drops))
    }

    private static func wrap<T>(_ body: () throws(SystemCallError) -> T) throws(LiveCaptureError) -> T {
        do { return try body() } catch { throw .captureFailed(error) }
    }
}

/// The descriptor while a device is being opened: closed on any failure, and every failed
/// call turned into the user's message (permission, missing device, down device).
private final class Opening {
    let name: String
    private(set) var descriptor: Int32 = -1
    private var kept = false

    init(name: String) { self.name = name }

    func openSocket(cooked: Bool) throws(LiveCaptureError) {
        if descriptor >= 0 { Syscalls.close(descriptor) }
        descriptor = -1
        descriptor = try call { _ throws(SystemCallError) in try Syscalls.packetSocket(cooked: cooked) }
    }

    func call<T>(_ body: (Int32) throws(SystemCallError) -> T) throws(LiveCaptureError) -> T {
        do {
            return try body(descriptor)
        } catch {
            switch error.errno {
            case 1, 13: throw .permissionDenied(name: name, error)  // EPERM, EACCES
            case 19, 6: throw .noSuchDevice(name: name)  // ENODEV, ENXIO
            case 100: throw .deviceNotUp(name: name)  // ENETDOWN
            default: throw .openFailed(name: name, error)
            }
        }
    }

    func keep() { kept = true }

    func closeUnlessKept() {
        if !kept && descriptor >= 0 { Syscalls.close(descriptor) }
    }
}
