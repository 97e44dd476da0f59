import BPF

/// Bytes → a program and a packet: the first byte gives the instruction count (low 6 bits)
/// and whether to supply metadata (top bit); then that many 8-byte `sock_filter` records;
/// the rest is the packet. Both validators must return on anything, and a program the
/// libpcap profile accepts must run without trapping, with and without metadata.
public let interpreterFuzzTarget = FuzzTarget(name: "Interpreter") { bytes in
    guard let header = bytes.first else { return }
    let count = Int(header & 0x3F)
    let programBytes = bytes.dropFirst().prefix(count * RawInstruction.encodedSize)
    var instructions: [RawInstruction] = []
    var position = programBytes.startIndex
    while position < programBytes.endIndex {
        let end = min(position + RawInstruction.encodedSize, programBytes.endIndex)
        guard let raw = RawInstruction(bytes: programBytes[position..<end]) else { break }
        instructions.append(raw)
        position = end
    }
    let program = Program(raw: instructions)
    _ = try? program.validate(.linuxKernel)
    guard let interpreter = try? Interpreter(program) else { return }
    let packet = UnsafeRawBufferPointer(rebasing: bytes[programBytes.endIndex...])
    let metadata = header & 0x80 != 0
        ? PacketMetadata(protocol: 0x0800, interfaceIndex: 2, vlanTCI: 5, vlanTagPresent: true,
                         networkHeaderOffset: UInt32(header & 0x1F), payloadOffset: 40)
        : nil
    _ = interpreter.run(packet, wireLength: UInt32(packet.count) &+ UInt32(header), metadata: metadata)
    _ = interpreter.run(packet, wireLength: 0, metadata: nil)
}
