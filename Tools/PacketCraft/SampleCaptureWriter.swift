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

extension SampleCaptureWriter {
    /// Writes `count` Ethernet packets to `path`, cycling through the Ethernet samples
    /// (mixed and VLAN traffic) one microsecond apart: a large, realistic input for the
    /// filtering benchmarks.
    public static func writeBulk(count: Int, to path: String) throws {
        let frames = (SampleCaptures.mixed.packets + SampleCaptures.vlan.packets)
        let writer = try PcapWriter(path: path, linkType: LinkTypeField(linkType: .ethernet),
                                    snapshotLength: snapshotLength, precision: .microseconds)
        let start: Int64 = 1_767_323_045
        for index in 0..<count {
            var packet = frames[index % frames.count]
            packet.timestamp = Timestamp(seconds: start + Int64(index / 1_000_000),
                                         nanoseconds: UInt32(index % 1_000_000) * 1000)
            try writer.write(packet)
        }
        try writer.close()
    }
}
