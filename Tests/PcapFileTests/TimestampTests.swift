import Testing
import PcapFile

@Test func timestampsOrderBySecondsThenNanoseconds() {
    #expect(Timestamp(seconds: 1, nanoseconds: 999_999_999) < Timestamp(seconds: 2, nanoseconds: 0))
    #expect(Timestamp(seconds: 2, nanoseconds: 1) > Timestamp(seconds: 2, nanoseconds: 0))
}
