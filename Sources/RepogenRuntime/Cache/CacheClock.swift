import Foundation

/// The time source of cache expiry; inject `ManualCacheClock` in tests instead of sleeping.
public protocol CacheClock: Sendable {
    /// The time elapsed since an arbitrary, fixed origin; never goes backwards.
    var now: Duration { get }
}

/// The monotonic system clock (`ContinuousClock`), the default.
public struct SystemCacheClock: CacheClock {
    private let origin = ContinuousClock.now

    /// Creates a clock whose origin is now.
    public init() {}

    /// The time elapsed since the clock was created.
    public var now: Duration {
        ContinuousClock.now - origin
    }
}

/// A clock that moves only when told to, so TTL tests never depend on timing.
///
/// ```swift
/// let clock = ManualCacheClock()
/// clock.advance(by: .seconds(61))   // every 60-second entry is now expired
/// ```
public final class ManualCacheClock: CacheClock {
    private let current = Locked(Duration.zero)

    /// Creates a clock at time zero.
    public init() {}

    /// The time set so far.
    public var now: Duration {
        current.current
    }

    /// Moves the clock forward.
    public func advance(by duration: Duration) {
        current.withLock { $0 += duration }
    }
}
