import TestSupport
import Foundation
import PcapFile
import Testing

/// A fresh temporary path for one test file.
func temporaryPath(_ name: String) -> String {
    "\(NSTemporaryDirectory())swiftdump-\(getpid())-\(UUID().uuidString)-\(name)"
}

/// Runs a tool and returns its standard output and standard error.
func run(_ tool: String, _ arguments: [String]) throws -> (output: String, error: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

/// Copies a capture file through our reader and writer; returns the new path.
func copyThroughOurWriter(_ source: String) throws -> String {
    let reader = try CaptureFileReader(path: source)
    let path = temporaryPath("copy.pcap")
    let writer = try PcapWriter(path: path, linkType: LinkTypeField(linkType: reader.linkType),
                                snapshotLength: reader.snapshotLength, precision: reader.precision)
    while let packet = try reader.nextPacketView() { try writer.write(packet) }
    try writer.close()
    return path
}

@Suite struct WriterTests {
    @Test(arguments: [TimestampPrecision.microseconds, .nanoseconds], [false, true])
    func roundTripsThroughOurReaderAndLibpcap(precision: TimestampPrecision, flushEach: Bool) throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var random = SeededGenerator(seed: seed)
        let packets = (0..<300).map { index in
            let data = (0..<Int.random(in: 0...1600, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            return CapturedPacket(
                timestamp: Timestamp(seconds: Int64.random(in: 0...Int64(UInt32.max), using: &random),
                                     nanoseconds: UInt32.random(in: 0..<1_000_000_000, using: &random)),
                originalLength: UInt32(data.count) + UInt32(index % 3), data: data, linkType: .linuxSLL2)
        }
        let path = temporaryPath("roundtrip.pcap")
        defer { unlink(path) }
        let writer = try PcapWriter(path: path, linkType: LinkTypeField(linkType: .linuxSLL2), snapshotLength: 2000,
                                    precision: precision, flushesEachPacket: flushEach)
        for (index, packet) in packets.enumerated() {
            if index % 2 == 0 {
                try writer.write(packet)
            } else {
                let result = packet.data.withUnsafeBytes { bytes in
                    Result { () throws(CaptureFileWriteError) in
                        try writer.write(PacketView(timestamp: packet.timestamp, originalLength: packet.originalLength,
                                                    bytes: bytes, linkType: packet.linkType))
                    }
                }
                try result.get()
            }
        }
        try writer.close()
        // Timestamps come back truncated to the file's precision.
        let expected = packets.map { packet in
            var packet = packet
            packet.timestamp = Timestamp(seconds: packet.timestamp.seconds,
                                         fraction: Int64(packet.timestamp.fraction(in: precision)), precision: precision)
            return ComparablePacket(packet)
        }
        let ours = ourRead(path: path)
        #expect(ours.packets == expected, "seed \(seed)")
        #expect(ours.error == nil && ours.snapshotLength == 2000 && ours.linkTypeDLT == 276)
        #expect(ours == libpcapRead(path: path, unsignedTimeFields: true), "seed \(seed)")
        let reader = try CaptureFileReader(path: path)
        #expect(reader.precision == precision)
    }

    @Test func headerMatchesWhatLibpcapWrites() throws {
        let path = temporaryPath("header.pcap")
        defer { unlink(path) }
        try PcapWriter(path: path, linkType: LinkTypeField(linkType: .raw), snapshotLength: 262_144).close()
        let ours = try #require(readFile(path))
        let theirs = libpcapDumpHeader(dlt: 12, snapshotLength: 262_144)
        #expect(ours == theirs)
    }

    @Test func precisionConversionTruncatesLikeLibpcap() {
        let time = Timestamp(seconds: 10, nanoseconds: 123_456_789)
        #expect(time.fraction(in: .microseconds) == 123_456)
        #expect(time.fraction(in: .nanoseconds) == 123_456_789)
        #expect(Timestamp(seconds: 10, fraction: 123_456, precision: .microseconds) == Timestamp(seconds: 10, nanoseconds: 123_456_000))
        #expect(Timestamp(seconds: 10, fraction: 2_500_000, precision: .microseconds) == Timestamp(seconds: 12, nanoseconds: 500_000_000))
    }

    @Test func closedPipeIsABrokenPipeError() throws {
        signal(SIGPIPE, SIG_IGN)
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        close(descriptors[0])
        let writer = PcapWriter(descriptor: descriptors[1], closesDescriptor: true,
                                linkType: LinkTypeField(linkType: .ethernet), snapshotLength: 100, flushesEachPacket: true)
        #expect(throws: CaptureFileWriteError.brokenPipe) {
            try writer.write(CapturedPacket(timestamp: Timestamp(seconds: 0, nanoseconds: 0), originalLength: 1,
                                            data: [1], linkType: .ethernet))
        }
    }

    @Test func flushEachPacketMakesEveryPacketVisibleAtOnce() throws {
        let path = temporaryPath("unbuffered.pcap")
        defer { unlink(path) }
        let writer = try PcapWriter(path: path, linkType: LinkTypeField(linkType: .ethernet), snapshotLength: 100,
                                    flushesEachPacket: true)
        let packet = CapturedPacket(timestamp: Timestamp(seconds: 1, nanoseconds: 0), originalLength: 3, data: [1, 2, 3],
                                    linkType: .ethernet)
        try writer.write(packet)
        #expect(readFile(path)?.count == 24 + 16 + 3)
        writer.flushesEachPacket = false
        try writer.write(packet)
        #expect(readFile(path)?.count == 24 + 16 + 3)
        try writer.flush()
        #expect(readFile(path)?.count == 24 + 2 * (16 + 3))
        try writer.close()
    }

    @Test func unwritablePathSaysWhy() {
        #expect(throws: CaptureFileWriteError.cannotOpen(path: "/nonexistent/x.pcap", errno: ENOENT)) {
            try PcapWriter(path: "/nonexistent/x.pcap", linkType: LinkTypeField(linkType: .ethernet), snapshotLength: 1)
        }
        #expect(CaptureFileWriteError.cannotOpen(path: "/x", errno: EACCES).description == "/x: Permission denied")
    }

    /// Corpus files copied through our reader and writer print the same in tcpdump.
    @Test(.enabled(if: !corpusFiles.isEmpty && FileManager.default.isExecutableFile(atPath: "/usr/bin/tcpdump")))
    func tcpdumpPrintsOurCopiesLikeTheOriginals() throws {
        var compared = 0
        for source in corpusFiles.enumerated().filter({ $0.offset % 9 == 0 }).map(\.element) {
            guard libpcapRead(path: source).error == nil, !source.contains("timestamp_invalid") else { continue }
            let copy = try copyThroughOurWriter(source)
            defer { unlink(copy) }
            let arguments = ["-tt", "-nn", "-xx", "--time-stamp-precision", "nano", "-r"]
            let original = try run("/usr/bin/tcpdump", arguments + [source])
            let ours = try run("/usr/bin/tcpdump", arguments + [copy])
            #expect(ours.output == original.output, "\(source)")
            #expect(ours.error.replacingOccurrences(of: copy, with: source) == original.error, "\(source)")
            compared += 1
        }
        #expect(compared > 50)
    }

    /// tshark agrees on lengths and times of our copies.
    @Test(.enabled(if: !corpusFiles.isEmpty && FileManager.default.isExecutableFile(atPath: "/usr/bin/tshark")))
    func tsharkReadsOurCopiesLikeTheOriginals() throws {
        let sources = corpusFiles.filter { $0.contains("/libpcap/") }.filter {
            ["ah-ipip-ping.pcap", "rarp_req_reply.pcapng", "loopback.pcap", "wpa-Induction.pcap", "vxlan.pcap"]
                .contains(($0 as NSString).lastPathComponent)
        }
        #expect(sources.count == 5)
        for source in sources {
            let copy = try copyThroughOurWriter(source)
            defer { unlink(copy) }
            let arguments = ["-T", "fields", "-e", "frame.len", "-e", "frame.cap_len", "-e", "frame.time_epoch", "-r"]
            let original = try run("/usr/bin/tshark", arguments + [source])
            let ours = try run("/usr/bin/tshark", arguments + [copy])
            #expect(!ours.output.isEmpty)
            #expect(ours.output == original.output, "\(source)")
        }
    }
}
