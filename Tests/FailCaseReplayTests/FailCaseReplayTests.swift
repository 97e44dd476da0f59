import Foundation
import Testing
import FuzzTargets

/// Replays every crasher a fuzzer ever found (committed under `FuzzTesting/FailCases/<target>/`)
/// through its target: each must now run to completion without trapping.
@Suite struct FailCaseReplayTests {
    static let failCasesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzTesting/FailCases")

    @Test(arguments: allFuzzTargets.map(\.name))
    func replayCommittedCrashers(targetName: String) throws {
        let target = try #require(allFuzzTargets.first { $0.name == targetName })
        let folder = Self.failCasesDirectory.appendingPathComponent(targetName)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for file in files.sorted() where !file.hasPrefix(".") {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            data.withUnsafeBytes { target.run($0) }
        }
    }

    @Test func everyFailCaseFolderNamesAKnownTarget() throws {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: Self.failCasesDirectory.path)) ?? []
        let known = Set(allFuzzTargets.map(\.name))
        for folder in folders where !folder.hasPrefix(".") {
            #expect(known.contains(folder), "FailCases/\(folder) has no fuzz target")
        }
    }
}
