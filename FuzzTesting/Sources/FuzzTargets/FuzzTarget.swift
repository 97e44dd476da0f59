/// A fuzz target: a name (the libFuzzer executable is `Fuzz<name>`, its crashers live in
/// `FuzzTesting/FailCases/<name>/`) and the body that must never trap on any input.
public struct FuzzTarget: Sendable {
    /// The target's name, e.g. `PcapReader`.
    public let name: String
    /// Runs one input; returns normally for every input, valid or not.
    public let run: @Sendable (UnsafeRawBufferPointer) -> Void

    /// Creates a fuzz target.
    public init(name: String, run: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) {
        self.name = name
        self.run = run
    }
}
