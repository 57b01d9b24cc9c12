import Foundation
import RepogenRuntime
import Testing

@testable import RepogenRedis

/// The Redis store's circuit breaker: its transitions at given instants, then on a real `redis-server` that is
/// killed (calls fail fast once it is open, without touching Redis) and restarted (a probe closes it).
@Suite struct RedisBreakerTests {
    @Test func opensAfterTheThresholdAndProbesAfterTheCoolDown() {
        var breaker = RedisCircuitBreaker(configuration: .init(failureThreshold: 2, openDuration: .seconds(10)))
        let start = ContinuousClock.now
        let admitted = breaker.admit(at: start)
        let firstFailureOpens = breaker.recordFailure(at: start)
        let successWhileClosed = breaker.recordSuccess()
        let failureAfterSuccessOpens = breaker.recordFailure(at: start)
        let secondFailureOpens = breaker.recordFailure(at: start)
        let openState = breaker.statistics.state
        #expect(admitted && !firstFailureOpens && successWhileClosed == nil && !failureAfterSuccessOpens)
        #expect(secondFailureOpens && openState == .open, "the second failure in a row opens it")
        let beforeCoolDown = breaker.admit(at: start + .seconds(9))
        let probe = breaker.admit(at: start + .seconds(10))
        let probeState = breaker.statistics.state
        #expect(!beforeCoolDown && probe && probeState == .halfOpen)
        let failedProbeReopens = breaker.recordFailure(at: start + .seconds(10))
        let beforeSecondCoolDown = breaker.admit(at: start + .seconds(19))
        let secondProbe = breaker.admit(at: start + .seconds(20))
        let closedFrom = breaker.recordSuccess()
        let afterRecovery = breaker.admit(at: start + .seconds(20))
        #expect(failedProbeReopens && !beforeSecondCoolDown && secondProbe)
        #expect(closedFrom == .halfOpen && afterRecovery && breaker.statistics.state == .closed)
        var expected = RedisBreakerStatistics()
        (expected.failures, expected.rejected, expected.opened, expected.probes, expected.recovered) = (4, 2, 2, 2, 1)
        #expect(breaker.statistics == expected)
    }

    @Test func thresholdZeroNeverOpens() {
        var breaker = RedisCircuitBreaker(configuration: .disabled)
        let opened = (0..<10).map { _ in breaker.recordFailure(at: .now) }
        let admitted = breaker.admit(at: .now)
        #expect(!opened.contains(true) && admitted && breaker.statistics.state == .closed)
    }

    @Test(arguments: RedisTestServer.Transport.allCases)
    func anOpenBreakerFailsFastWithoutTouchingRedis(_ transport: RedisTestServer.Transport) async throws {
        try await withRedis(transport) { server in
            let store = RedisL2Store(server.endpoint, breaker: .init(failureThreshold: 3, openDuration: .seconds(600)))
            _ = try await store.fetch("k", generationKey: "g")
            server.kill()
            for _ in 0..<3 { await #expect(throws: RedisError.self) { try await store.fetch("k", generationKey: "g") } }
            #expect(store.breakerStatistics.state == .open && store.breakerStatistics.opened == 1)
            try await server.start()
            for _ in 0..<3 { await #expect(throws: RedisError.self) { try await store.fetch("k", generationKey: "g") } }
            let statistics = store.breakerStatistics
            #expect(statistics.failures == 3 && statistics.rejected == 3, "\(statistics)")
        }
    }

    @Test(arguments: RedisTestServer.Transport.allCases)
    func aProbeClosesTheBreakerOnceRedisIsBack(_ transport: RedisTestServer.Transport) async throws {
        try await withRedis(transport) { server in
            let store = RedisL2Store(server.endpoint, breaker: .init(failureThreshold: 1, openDuration: .milliseconds(20)))
            try await store.store("k", value: [7], ttl: .seconds(60))
            server.kill()
            await #expect(throws: RedisError.self) { try await store.fetch("k", generationKey: "g") }
            #expect(store.breakerStatistics.state == .open)
            try await server.start()
            let back = await eventually { (try? await store.fetch("k", generationKey: "g")) != nil }
            #expect(back, "a probe after the cool-down reaches the restarted Redis")
            let statistics = store.breakerStatistics
            #expect(statistics.state == .closed && statistics.recovered == 1 && statistics.probes >= 1, "\(statistics)")
        }
    }
}
