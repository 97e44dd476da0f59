/// A half-open range of UTF-8 byte offsets into the filter expression text.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    /// The offset of the first byte.
    public var start: Int
    /// The offset one past the last byte.
    public var end: Int

    /// Creates a range from `start` up to, not including, `end`.
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    /// The smallest range covering both.
    public func merged(with other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }

    /// `start..<end`, for messages and tests.
    public var description: String { "\(start)..<\(end)" }
}
