import PcapFile

/// Writes a sample capture with the project's pcap writer.
public enum SampleCaptureWriter {
    /// The snapshot length every sample file declares.
    public static let snapshotLength: UInt32 = 262_144

    /// Writes `sample` to `path`, replacing any file there.
    public static func write(_ sample: SampleCapture, to path: String) throws {
        let writer = try PcapWriter(path: path, linkType: LinkTypeField(linkType: sample.linkType),
                                    snapshotLength: snapshotLength, precision: sample.precision)
        for packet in sample.packets {
            try writer.write(packet)
        }
        try writer.close()
    }
}
