import ArgumentParser
import LiveCapture

/// Live capture on a device (tcpdump's `-i`, `-D`, `-p`, `-B`, `-Q`, `--immediate-mode`, `-l`).
struct CaptureOptions: ParsableArguments {
    @Option(name: .customShort("i"), help: ArgumentHelp("Capture on this interface ('any' for all, or a number from -D); with -d, compile for it.", valueName: "interface"))
    var interface: String?

    @Flag(name: [.customShort("D"), .customLong("list-interfaces")], help: "List the interfaces swiftdump can capture on, and exit.")
    var listInterfaces = false

    @Flag(name: [.customShort("p"), .customLong("no-promiscuous-mode")], help: "Do not put the interface into promiscuous mode.")
    var noPromiscuousMode = false

    @Option(name: [.customShort("B", allowingJoined: true), .customLong("buffer-size")], help: ArgumentHelp("The capture buffer size in KiB (default 2048).", valueName: "KiB"))
    var bufferSizeText: String?

    @Option(name: [.customShort("Q"), .customLong("direction")], help: ArgumentHelp("Capture packets sent (out), received (in), or both (inout).", valueName: "direction"))
    var directionText: String?

    @Flag(name: .customLong("immediate-mode"), help: "Deliver each packet as soon as it arrives instead of in batches.")
    var immediateMode = false

    @Flag(name: .customShort("l"), help: "Line-buffered output: print each packet line at once.")
    var lineBuffered = false

    /// `-B` in KiB.
    var bufferKiB: Int {
        get throws {
            guard let text = bufferSizeText else { return RingConfiguration.defaultBufferKiB }
            guard let value = Int(text), value > 0, value <= 4 * 1024 * 1024 else {
                throw CommandLineError.invalidBufferSize(text)
            }
            return value
        }
    }

    /// `-Q`.
    var direction: CaptureDirection {
        get throws {
            guard let text = directionText else { return .both }
            guard let value = CaptureDirection(rawValue: text) else { throw CommandLineError.invalidDirection(text) }
            return value
        }
    }

    mutating func validate() throws {
        _ = try bufferKiB
        _ = try direction
    }
}
