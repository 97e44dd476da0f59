import FuzzTargets

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    packetPrinterFuzzTarget.run(UnsafeRawBufferPointer(start: start, count: count)); return 0
}
