/// Runs a classic BPF program over packets with libpcap's `bpf_filter` semantics, plus the
/// Linux kernel's ancillary and header-relative loads when packet metadata is supplied.
///
/// The program is validated (libpcap profile) and decoded once, at creation; each run then
/// only executes. Out-of-bounds loads and division by X = 0 reject the packet (return 0),
/// arithmetic wraps, and the result is the number of bytes of the packet to keep.
///
/// Two behaviours follow libpcap master where 1.10.3 has a bug: an opcode `bpf_validate`
/// lets through but `bpf_filter` does not know rejects the packet (1.10.3 calls `abort()`),
/// and backward `ja` jumps (which 1.10.3 lets through when the offset wraps) are bounded —
/// a jump to itself rejects, as does the 65th backward jump in one run.
public struct Interpreter: Sendable {
    private let code: [CompiledInstruction]
    /// Whether any instruction touches the scratch cells; runs of programs that do not skip
    /// setting them up.
    private let usesScratch: Bool

    /// Validates `program` with the libpcap profile and prepares it to run.
    public init(_ program: Program) throws(ValidationError) {
        try program.validate(.libpcap)
        code = Fusion.fuse(Translator.translate(program.rawInstructions))
        usesScratch = code.contains {
            [.loadScratch, .loadXScratch, .store, .storeX].contains($0.operation)
        }
    }

    /// Runs the program over `packet`, the captured bytes of a packet `wireLength` bytes
    /// long on the wire; returns how many bytes to keep (0 rejects the packet).
    public func run(
        _ packet: UnsafeRawBufferPointer, wireLength: UInt32, metadata: PacketMetadata? = nil
    ) -> UInt32 {
        // The common case, a file or capture filter from `pcap_compile` without scratch
        // cells, runs here in a loop specialised to need no stack buffer and no metadata;
        // the general loop is out of line, so that this frame holds no scratch buffer
        // (which would bring the stack protector and more saved registers to every call).
        guard !usesScratch, metadata == nil else {
            var observer = SilentObserver()
            return execute(packet, wireLength: wireLength, metadata: metadata, observer: &observer)
        }
        return code.withUnsafeBufferPointer { code in
            guard let base = code.baseAddress else { return 0 }
            var observer = SilentObserver()
            return Execution.run(
                base, packet: packet, wireLength: wireLength, metadata: nil, scratch: NoScratch(), observer: &observer)
        }
    }

    /// Runs the program over `packet`; the wire length defaults to the number of bytes given.
    public func run(
        _ packet: [UInt8], wireLength: UInt32? = nil, metadata: PacketMetadata? = nil
    ) -> UInt32 {
        let length = wireLength ?? UInt32(clamping: packet.count)
        return packet.withUnsafeBytes { run($0, wireLength: length, metadata: metadata) }
    }

    /// Runs the program like ``run(_:wireLength:metadata:)-([UInt8],_,_)`` and records the
    /// machine's state before every instruction it executes.
    public func trace(
        _ packet: [UInt8], wireLength: UInt32? = nil, metadata: PacketMetadata? = nil
    ) -> Trace {
        let length = wireLength ?? UInt32(clamping: packet.count)
        var observer = TraceRecorder()
        let result = packet.withUnsafeBytes {
            execute($0, wireLength: length, metadata: metadata, observer: &observer)
        }
        return Trace(steps: observer.steps, result: result)
    }

    /// The general loop: scratch cells on the stack, and metadata if given.
    @inline(never)
    private func execute<Observer: ExecutionObserver>(
        _ packet: UnsafeRawBufferPointer, wireLength: UInt32, metadata: PacketMetadata?,
        observer: inout Observer
    ) -> UInt32 {
        code.withUnsafeBufferPointer { code in
            guard let base = code.baseAddress else { return 0 }
            return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Int(KernelLimits.scratchCells)) { scratch in
                // libpcap 1.10.3 leaves the scratch cells uninitialized; master zeroes them.
                scratch.initialize(repeating: 0)
                return Execution.run(
                    base, packet: packet, wireLength: wireLength, metadata: metadata,
                    scratch: BufferScratch(cells: scratch), observer: &observer)
            }
        }
    }
}
