import Foundation

/// CPU time spent while one side of a round ran: by this process (our side), by the child processes it waited for
/// (pgbench or psql, the ceiling's client), and by the whole machine, the server's backends included.
///
/// On the two-core machines `make bench` runs on, client and server share the cores, so a ratio to pgbench is bounded
/// by how much CPU each side's client spends per operation; these figures show that bound next to the ratio.
struct CPUUsage {
    /// Seconds of user and system time of this process.
    var process: Double
    /// Seconds of user and system time of waited-for children.
    var children: Double
    /// Seconds of busy time of all cores (user, nice, system, irq, softirq; not steal or idle); nil off Linux.
    var machine: Double?

    /// The counters now.
    static func now() -> CPUUsage {
        CPUUsage(process: seconds(of: RUSAGE_SELF), children: seconds(of: RUSAGE_CHILDREN), machine: machineBusy())
    }

    /// What was spent between `earlier` and `self`.
    func since(_ earlier: CPUUsage) -> CPUUsage {
        let machine = self.machine.flatMap { now in earlier.machine.map { now - $0 } }
        return CPUUsage(process: process - earlier.process, children: children - earlier.children, machine: machine)
    }

    /// Runs `side`, returning its rate and the CPU time it used per operation.
    static func measuring(_ side: () async throws -> Double) async rethrows -> MeasuredSide {
        let (start, clockStart) = (now(), ContinuousClock.now)
        let rate = try await side()
        let elapsed = ContinuousClock.now - clockStart
        return MeasuredSide(rate: rate, cpu: now().since(start), operations: rate * elapsed.seconds)
    }

    #if os(Linux)
    private static func seconds(of who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(who.rawValue), &usage)
        return seconds(usage)
    }
    #else
    private static func seconds(of who: Int32) -> Double {
        var usage = rusage()
        getrusage(who, &usage)
        return seconds(usage)
    }
    #endif

    private static func seconds(_ usage: rusage) -> Double {
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// The first line of /proc/stat, in clock ticks: user nice system idle iowait irq softirq steal ...
    private static func machineBusy() -> Double? {
        #if os(Linux)
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = stat.split(separator: "\n").first else { return nil }
        let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count >= 7 else { return nil }
        return (ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6]) / Double(sysconf(Int32(_SC_CLK_TCK)))
        #else
        return nil
        #endif
    }
}

/// One side of a round: its rate and the CPU time it used, per operation (per row for createMany and COPY).
struct MeasuredSide {
    /// Operations (or rows) per second, as the side reports it.
    let rate: Double
    /// CPU time used while the side ran.
    let cpu: CPUUsage
    /// The rate times the side's wall-clock time (for pgbench and psql this includes starting the tool).
    let operations: Double

    /// Microseconds of client CPU (this process and its waited-for children) per operation.
    var clientMicroseconds: Double {
        (cpu.process + cpu.children) / operations * 1e6
    }

    /// Microseconds of the whole machine's busy CPU per operation, server included; nil off Linux.
    var machineMicroseconds: Double? {
        cpu.machine.map { $0 / operations * 1e6 }
    }
}
