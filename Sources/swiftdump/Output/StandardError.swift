#if canImport(Glibc)
import Glibc
#endif

/// Writes diagnostics to file descriptor 2 (Swift 6 mode rejects Glibc's `stderr` global).
enum StandardError {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        _ = FileDescriptorOutput.writeAll(fd: 2, &bytes)
    }
}
