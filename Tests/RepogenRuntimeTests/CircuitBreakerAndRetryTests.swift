@testable import RepogenRuntime
import Testing

@Suite("Circuit breaker, retry policy, error classification and labels (no database)")
struct CircuitBreakerAndRetryTests {
    let start = ContinuousClock.now

    @Test("the breaker opens after the threshold, rejects, lets one probe through, and closes on success")
    func breakerCycle() {
        var breaker = CircuitBreakerStateMachine(configuration: .init(failureThreshold: 3, openDuration: .seconds(5)))
        for _ in 1...2 {
            #expect(breaker.request(at: start) == .allow)
            breaker.recordFailure(at: start)
        }
        #expect(breaker.state(at: start) == .closed)
        breaker.recordFailure(at: start)
        #expect(breaker.state(at: start) == .open)
        #expect(breaker.request(at: start + .seconds(4)) == .reject)
        #expect(breaker.state(at: start + .seconds(5)) == .halfOpen)
        #expect(breaker.request(at: start + .seconds(5)) == .probe)
        #expect(breaker.request(at: start + .seconds(5)) == .reject)  // one probe at a time
        breaker.recordSuccess()
        #expect(breaker.state(at: start + .seconds(5)) == .closed)
        #expect(breaker.request(at: start + .seconds(5)) == .allow)
    }

    @Test("a failed probe reopens the breaker for another full period")
    func failedProbe() {
        var breaker = CircuitBreakerStateMachine(configuration: .init(failureThreshold: 1, openDuration: .seconds(2)))
        breaker.recordFailure(at: start)
        #expect(breaker.request(at: start + .seconds(2)) == .probe)
        breaker.recordFailure(at: start + .seconds(2))
        #expect(breaker.state(at: start + .seconds(3)) == .open)
        #expect(breaker.request(at: start + .seconds(4)) == .probe)
        breaker.probeAbandoned()
        #expect(breaker.request(at: start + .seconds(4)) == .probe)
    }

    @Test("a disabled breaker never opens; a success resets the failure count")
    func disabledAndReset() {
        var disabled = CircuitBreakerStateMachine(configuration: .disabled)
        for _ in 1...100 { disabled.recordFailure(at: start) }
        #expect(disabled.state(at: start) == .closed)
        var breaker = CircuitBreakerStateMachine(configuration: .init(failureThreshold: 2))
        breaker.recordFailure(at: start)
        breaker.recordSuccess()
        breaker.recordFailure(at: start)
        #expect(breaker.state(at: start) == .closed)
    }

    @Test("the shared breaker answers like its machine, with or without the lock-free pristine path")
    func sharedBreaker() throws {
        let breaker = CircuitBreaker(configuration: .init(failureThreshold: 2, openDuration: .seconds(3600)))
        #expect(try breaker.admit() == false)
        breaker.record(.connectionLost, probe: false)
        breaker.record(.reachedServer, probe: false)  // resets the count: the next failure is the first again
        breaker.record(.connectionLost, probe: false)
        #expect(breaker.state == .closed)
        #expect(try breaker.admit() == false)
        breaker.record(.inconclusive, probe: false)  // changes nothing
        breaker.record(.connectionLost, probe: false)
        #expect(breaker.state == .open)
        #expect(throws: RepogenError.self) { try breaker.admit() }
    }

    @Test("backoff grows exponentially up to the maximum, scaled by the jitter fraction")
    func backoff() {
        let policy = RetryPolicy(
            maximumAttempts: 10, initialBackoff: .milliseconds(10), maximumBackoff: .milliseconds(50), multiplier: 2)
        #expect(policy.backoff(beforeRetry: 1, randomFraction: 1) == .milliseconds(10))
        #expect(policy.backoff(beforeRetry: 2, randomFraction: 1) == .milliseconds(20))
        #expect(policy.backoff(beforeRetry: 3, randomFraction: 1) == .milliseconds(40))
        #expect(policy.backoff(beforeRetry: 4, randomFraction: 1) == .milliseconds(50))
        #expect(policy.backoff(beforeRetry: 2, randomFraction: 0.5) == .milliseconds(10))
        #expect(policy.backoff(beforeRetry: 9, randomFraction: 0) == .zero)
    }

    @Test("transient errors: 40001, 40P01, admin shutdown, connection loss; timeouts have their own kinds")
    func classification() {
        #expect(RepogenError(kind: .queryFailed, message: "", sqlState: "40001").isTransient)
        #expect(RepogenError(kind: .queryFailed, message: "", sqlState: "40P01").isTransient)
        #expect(RepogenError(kind: .queryFailed, message: "", sqlState: "57P01").isConnectionLoss)
        #expect(RepogenError(kind: .connectionFailed, message: "").isConnectionLoss)
        #expect(!RepogenError(kind: .queryFailed, message: "", sqlState: "23505").isTransient)
        #expect(!RepogenError(kind: .commitOutcomeUnknown, message: "", sqlState: "57P01").isTransient)
        #expect(RepogenError.kind(sqlState: "57014", connected: true) == .statementTimeout)
        #expect(RepogenError.kind(sqlState: "55P03", connected: true) == .lockTimeout)
        #expect(RepogenError(kind: .queryFailed, message: "", sqlState: "23505").sqlStateClass == "23")
        #expect(RepogenError(kind: .poolTimeout, message: "").sqlStateClass == "none")
    }

    @Test("a write lost after sending is an unknown outcome; a failure before sending is retried")
    func retryDecisions() {
        let lost = RepogenError(kind: .connectionFailed, message: "server closed the connection")
        let sent = AttemptFailure(error: lost, sent: true)
        #expect(Database.retryReason(sent, retryAfterSending: false) == nil)
        #expect(Database.retryReason(sent, retryAfterSending: true) == "connection")
        let unsent = AttemptFailure(error: lost, sent: false)
        #expect(Database.retryReason(unsent, retryAfterSending: false) == "connection")
        let final = Database.finalError(sent, unknownOutcomeOnLoss: true) as? RepogenError
        #expect(final?.kind == .commitOutcomeUnknown)
        let unique = AttemptFailure(error: RepogenError(kind: .queryFailed, message: "", sqlState: "23505"), sent: true)
        #expect(Database.retryReason(unique, retryAfterSending: true) == nil)
        #expect(Database.outcome(of: unique) == .reachedServer)
        #expect(Database.outcome(of: AttemptFailure(error: lost, sent: false)) == .connectionLost)
    }

    @Test("metric labels come from the statement, or from a generated name")
    func labels() {
        func labels(_ name: String) -> StatementLabels {
            StatementLabels(PostgresStatement(name: name, sql: "", parameterTypes: []))
        }
        let derived = labels("repogen_analytics_events_create_many")
        #expect(derived == StatementLabels(operation: "create_many", entity: "analytics_events"))
        let finder = labels("repogen_quotes_find_by_owner")
        #expect(finder == StatementLabels(operation: "find_by_owner", entity: "quotes"))
        let explicit = PostgresStatement(name: "x", sql: "", parameterTypes: [], entity: "users", operation: "search")
        #expect(StatementLabels(explicit) == StatementLabels(operation: "search", entity: "users"))
        let other = labels("t_abc")
        #expect(other == StatementLabels(operation: "query", entity: "unknown"))
    }

    @Test("percentiles use the nearest rank")
    func percentiles() {
        let samples = (1...100).map { Duration.milliseconds($0) }
        #expect(StatementStatisticsStore.percentile(0.5, of: samples) == .milliseconds(50))
        #expect(StatementStatisticsStore.percentile(0.95, of: samples) == .milliseconds(95))
        #expect(StatementStatisticsStore.percentile(0.99, of: samples) == .milliseconds(99))
        #expect(StatementStatisticsStore.percentile(0.99, of: []) == .zero)
    }
}
