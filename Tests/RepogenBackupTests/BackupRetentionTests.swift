import Foundation
import RepogenBackup
import Testing

@Suite("Backup retention")
struct BackupRetentionTests {
    /// 2025-01-06 is a Monday: ISO week 2 of 2025.
    private func time(_ day: Int, _ hour: Int) -> Date {
        var components = DateComponents(year: 2025, month: 1, day: day, hour: hour)
        components.timeZone = TimeZone(identifier: "UTC")
        return Calendar(identifier: .gregorian).date(from: components)!
    }

    @Test("last N keeps the newest N whatever the order given")
    func keepsLast() {
        let times = [time(3, 1), time(5, 1), time(4, 1), time(1, 1)]
        #expect(BackupRetention(last: 2).kept(times) == [1, 2])
        #expect(BackupRetention(last: 0).kept(times) == [])
        #expect(BackupRetention(last: 10).kept(times) == [0, 1, 2, 3])
    }

    @Test("daily keeps each day's newest backup, for the newest days only")
    func keepsDaily() {
        let times = [time(6, 1), time(6, 13), time(7, 2), time(7, 23), time(8, 5), time(2, 9)]
        #expect(BackupRetention(last: 0, daily: 2).kept(times) == [3, 4])
        #expect(BackupRetention(last: 0, daily: 4).kept(times) == [1, 3, 4, 5])
    }

    @Test("weekly keeps each ISO week's newest backup; the rules add up")
    func keepsWeeklyAndCombines() {
        // Sunday 5 January is in ISO week 1, Monday 6 January in week 2; 12 January is week 2's Sunday.
        let times = [time(5, 10), time(6, 1), time(12, 20), time(13, 1), time(29, 3)]
        #expect(BackupRetention(last: 0, weekly: 3).kept(times) == [2, 3, 4])
        #expect(BackupRetention(last: 1, daily: 1, weekly: 4).kept(times) == [0, 2, 3, 4])
    }

    @Test("days are read in the time zone given")
    func timeZoneMatters() {
        let times = [time(6, 1), time(6, 23)]  // one UTC day; two days in UTC-3
        #expect(BackupRetention(last: 0, daily: 5).kept(times) == [1])
        let brazil = TimeZone(secondsFromGMT: -3 * 3600)!
        #expect(BackupRetention(last: 0, daily: 5).kept(times, timeZone: brazil) == [0, 1])
    }
}
