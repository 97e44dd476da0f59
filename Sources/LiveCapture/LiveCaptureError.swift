/// Why a live capture could not start or had to stop, worded as libpcap and tcpdump word it.
public enum LiveCaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No interface has this name (nor, for a number, this position in the device list).
    case noSuchDevice(name: String)
    /// The process lacks CAP_NET_RAW for packet sockets.
    case permissionDenied(name: String, SystemCallError)
    /// The interface exists but is administratively down (`SO_ERROR` was `ENETDOWN` after bind).
    case deviceNotUp(name: String)
    /// The interface went down during the capture.
    case interfaceWentDown
    /// The interface was removed during the capture.
    case interfaceDisappeared
    /// The ring configuration breaks one of the kernel's rules.
    case invalidRing(String)
    /// Any other failed call while opening the device.
    case openFailed(name: String, SystemCallError)
    /// A failed call while capturing.
    case captureFailed(SystemCallError)

    /// The message for the user (without the program name).
    public var description: String {
        switch self {
        case .noSuchDevice(let name):
            "\(name): No such device exists\n(No such device exists)"
        case let .permissionDenied(name, error):
            "\(name): You don't have permission to perform this capture on that device\n(\(error))"
        case .deviceNotUp(let name):
            "\(name): That device is not up"
        case .interfaceWentDown:
            "The interface went down"
        case .interfaceDisappeared:
            "The interface disappeared"
        case .invalidRing(let reason):
            "invalid ring configuration: \(reason)"
        case let .openFailed(name, error):
            "\(name): \(error)"
        case .captureFailed(let error):
            "\(error)"
        }
    }
}
