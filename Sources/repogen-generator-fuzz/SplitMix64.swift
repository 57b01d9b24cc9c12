/// A seeded pseudo-random generator (SplitMix64): the same seed always yields the same schema, on every platform.
///
/// Foundation's and the standard library's system generators are not seedable, so a failure found with them
/// could not be replayed; this one is a few lines of integer arithmetic.
/// ```swift
/// var random = SplitMix64(seed: 42)
/// let count = random.int(in: 1...4)
/// ```
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// Starts the sequence of `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A uniformly chosen integer of `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool {
        int(in: 1...100) <= percent
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T {
        items[int(in: 0...(items.count - 1))]
    }

    /// Up to `count` distinct elements of `items`, in random order.
    mutating func sample<T>(_ items: [T], count: Int) -> [T] {
        Array(items.shuffled(using: &self).prefix(count))
    }
}
