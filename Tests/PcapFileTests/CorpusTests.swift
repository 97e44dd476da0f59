import Foundation
import PcapFile
import Testing

/// Every capture in the shared corpus, or none when the corpus is absent.
let corpusFiles: [String] = ["libpcap", "tcpdump"].flatMap { directory -> [String] in
    let path = "/work/shared/corpus/\(directory)"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.sorted().map { "\(path)/\($0)" }
}

@Suite struct CorpusTests {
    /// Ours and libpcap read the same packets from every corpus file, or fail the same way.
    /// The one deliberate difference: reserved link-type bits (libpcap 1.10.3 keeps them
    /// in the DLT; we, like libpcap master, take the low 16 bits).
    @Test(.enabled(if: !corpusFiles.isEmpty, "needs /work/shared/corpus"))
    func everyCorpusFileReadsLikeLibpcap() {
        var packets = 0, failures = 0
        for path in corpusFiles {
            let ours = ourRead(path: path), theirs = libpcapRead(path: path)
            packets += ours.packets.count
            if ours.error != nil { failures += 1 }
            let theirsUnsigned = readFile(path).map { libpcapRead($0, unsignedTimeFields: true) }
            if ours != theirs && ours != theirsUnsigned && !deliberateDifference(ours: ours, theirs: theirs) {
                let firstDifference = zip(ours.packets, theirs.packets).first { $0 != $1 }
                Issue.record("\(path): ours \(ours), libpcap \(theirs), first different packet \(firstDifference.map { "\($0) vs \($1)" } ?? "-")")
            }
        }
        #expect(corpusFiles.count > 700)
        #expect(packets > 9000)
        #expect(failures == 5)
    }

    @Test(.enabled(if: !corpusFiles.isEmpty, "needs /work/shared/corpus"))
    func reservedLinkTypeBitsAreIgnoredAsInLibpcapMaster() throws {
        let path = "/work/shared/corpus/libpcap/linktype-reserved-field-not-zero.pcap"
        let reader = try CaptureFileReader(path: path)
        guard case .pcap(let pcap) = reader.format else { Issue.record("not pcap"); return }
        #expect(reader.linkType == .null)
        #expect(pcap.linkTypeField.reservedBits == 0x0030_0000)
        #expect(libpcapRead(path: path).linkTypeDLT == 0x0030_0000)
    }

    @Test(arguments: [
        ("libpcap/pcap-invalid-version-1.pcap", "archaic pcap savefile format"),
        ("libpcap/pcap-invalid-version-2.pcap", "unsupported pcap savefile version 2.5"),
        ("libpcap/pcapng-invalid-vers-1.pcapng", "unsupported pcapng savefile version 0.1"),
        ("libpcap/pcapng-invalid-vers-2.pcapng", "unsupported pcapng savefile version 1.1"),
        ("libpcap/shb-option-too-long.pcapng", "block total length in header and trailer don't match"),
    ])
    func corruptCorpusFilesFailWithLibpcapsMessage(name: String, message: String) {
        let path = "/work/shared/corpus/\(name)"
        guard FileManager.default.fileExists(atPath: path) else { return }
        #expect(ourRead(path: path).error == message)
    }

    @Test func missingFileSaysNoSuchFile() {
        #expect(ourRead(path: "/nonexistent/x.pcap").error == "/nonexistent/x.pcap: No such file or directory")
    }

    @Test func readsStandardInputAsAStream() throws {
        let file = PcapBuilder().build(samplePackets(precision: .microseconds))
        let pipe = Pipe()
        let saved = dup(0)
        defer { dup2(saved, 0); close(saved) }
        dup2(pipe.fileHandleForReading.fileDescriptor, 0)
        // Write from another thread in small pieces, so reads see a trickling pipe.
        let writer = Thread {
            for chunk in stride(from: 0, to: file.count, by: 7) {
                pipe.fileHandleForWriting.write(Data(file[chunk..<min(chunk + 7, file.count)]))
            }
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        let ours = ourRead(path: "-")
        #expect(ours == libpcapRead(file))
        #expect(ours.packets.count == 4)
    }
}
