/// Every fuzz target, so `swift test` can replay each one's committed crashers.
public let allFuzzTargets: [FuzzTarget] = [
    assemblerFuzzTarget,
    pcapReaderFuzzTarget,
    pcapngReaderFuzzTarget,
    interpreterFuzzTarget,
    filterParserFuzzTarget,
    filterCompilerFuzzTarget,
    packetPrinterFuzzTarget,
]
