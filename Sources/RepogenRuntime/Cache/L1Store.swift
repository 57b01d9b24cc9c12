/// The in-process cache's state: an LRU list bounded by entries and approximate bytes, TTLs, tags,
/// and the invalidation epochs that stop a read begun before a write from filling in the old value.
///
/// Not thread-safe on its own; `L1Cache` guards it with a lock.
struct L1Store {
    /// One entry and its place in the LRU list; a class, so a hit reads and relinks it without copying (and
    /// retaining) its key, value and tags. An `L1Store` is never copied (it lives in one `Locked`).
    final class Slot {
        let key: String
        let value: any Sendable
        let bytes: Int
        let tags: [String]
        let expiresAt: Duration
        var previous: Int?
        var next: Int?

        init(key: String, value: any Sendable, bytes: Int, tags: [String], expiresAt: Duration, next: Int?) {
            (self.key, self.value, self.bytes, self.tags, self.expiresAt) = (key, value, bytes, tags, expiresAt)
            self.next = next
        }
    }

    let maximumEntries: Int
    let maximumBytes: Int
    /// How many recently invalidated tags are remembered to reject late fills; older ones raise `floor`.
    let trackedInvalidations: Int

    private var slots: [Slot?] = []
    private var freeSlots: [Int] = []
    private var indexByKey: [String: Int] = [:]
    private var keysByTag: [String: Set<String>] = [:]
    private var head: Int?
    private var tail: Int?
    private(set) var bytes = 0
    private(set) var statistics = CacheStatistics()

    /// Bumped by every invalidation; a fill carries the epoch read before its load began.
    private(set) var epoch: UInt64 = 0
    private var invalidatedAt: [String: UInt64] = [:]
    private var invalidationOrder: [(tag: String, epoch: UInt64)] = []
    private var invalidationStart = 0
    /// Fills whose token is older than this are refused (their tags' records were forgotten, or all was flushed).
    private var floor: UInt64 = 0

    init(maximumEntries: Int, maximumBytes: Int, trackedInvalidations: Int = 4096) {
        self.maximumEntries = max(1, maximumEntries)
        self.maximumBytes = max(1, maximumBytes)
        self.trackedInvalidations = max(1, trackedInvalidations)
    }

    /// The number of live entries.
    var count: Int { indexByKey.count }

    /// The value under `key` when present and not expired (it becomes most recently used); counts hit or miss.
    mutating func lookup(_ key: String, now: Duration) -> (any Sendable)? {
        guard let index = indexByKey[key], let slot = slots[index] else {
            statistics.misses += 1
            return nil
        }
        guard slot.expiresAt > now else {
            remove(at: index)
            statistics.expirations += 1
            statistics.misses += 1
            return nil
        }
        moveToFront(index)
        statistics.hits += 1
        return slot.value
    }

    /// Stores a value loaded under `token` unless one of its tags was invalidated since; returns whether it did.
    @discardableResult
    mutating func insert(
        _ key: String, value: any Sendable, bytes: Int, tags: [String], expiresAt: Duration, token: UInt64
    ) -> Bool {
        let size = max(1, bytes)
        guard token >= floor, size <= maximumBytes, !tags.contains(where: { invalidatedAt[$0, default: 0] > token })
        else {
            statistics.refusedFills += 1
            return false
        }
        if let existing = indexByKey[key] { remove(at: existing) }
        let slot = Slot(key: key, value: value, bytes: size, tags: tags, expiresAt: expiresAt, next: head)
        let index: Int
        if let free = freeSlots.popLast() {
            slots[free] = slot
            index = free
        } else {
            slots.append(slot)
            index = slots.count - 1
        }
        if let head { slots[head]?.previous = index }
        head = index
        if tail == nil { tail = index }
        indexByKey[key] = index
        for tag in tags { keysByTag[tag, default: []].insert(key) }
        self.bytes += size
        evictToBounds()
        return true
    }

    /// Drops every entry carrying one of `tags` and refuses later fills begun before this call.
    ///
    /// A row tag (`users#42`) also drops the table's query results (`users#*`): any write to a row may change them.
    mutating func invalidate(_ tags: some Sequence<String>) {
        epoch += 1
        var queryTags: Set<String> = []
        for tag in tags {
            drop(tag)
            statistics.invalidations += 1
            if let hash = tag.firstIndex(of: "#") {
                queryTags.insert(EntityCachePolicy.queryTag(String(tag[..<hash])))
            }
        }
        for tag in queryTags { drop(tag) }
    }

    /// Forgets every entry tagged `tag` and remembers when, so a fill begun before now is refused.
    private mutating func drop(_ tag: String) {
        remember(tag)
        for key in keysByTag[tag] ?? [] {
            if let index = indexByKey[key] { remove(at: index) }
        }
    }

    /// Drops everything and refuses every fill begun before this call.
    mutating func removeAll() {
        epoch += 1
        floor = epoch
        slots.removeAll()
        freeSlots.removeAll()
        indexByKey.removeAll()
        keysByTag.removeAll()
        invalidatedAt.removeAll()
        invalidationOrder.removeAll()
        invalidationStart = 0
        head = nil
        tail = nil
        bytes = 0
        statistics.flushes += 1
    }

    private mutating func remember(_ tag: String) {
        invalidatedAt[tag] = epoch
        invalidationOrder.append((tag, epoch))
        while invalidationOrder.count - invalidationStart > trackedInvalidations {
            let oldest = invalidationOrder[invalidationStart]
            invalidationStart += 1
            floor = max(floor, oldest.epoch)
            if invalidatedAt[oldest.tag] == oldest.epoch { invalidatedAt[oldest.tag] = nil }
        }
        if invalidationStart > trackedInvalidations {
            invalidationOrder.removeFirst(invalidationStart)
            invalidationStart = 0
        }
    }

    private mutating func evictToBounds() {
        while indexByKey.count > maximumEntries || bytes > maximumBytes, let tail {
            remove(at: tail)
            statistics.evictions += 1
        }
    }

    private mutating func moveToFront(_ index: Int) {
        guard head != index, let slot = slots[index] else { return }
        unlink(previous: slot.previous, next: slot.next)
        slot.previous = nil
        slot.next = head
        if let head { slots[head]?.previous = index }
        head = index
        if tail == nil { tail = index }
    }

    /// Joins a slot's neighbours to each other (the slot's own links are left for the caller to reset).
    private mutating func unlink(previous: Int?, next: Int?) {
        if let previous { slots[previous]?.next = next } else { head = next }
        if let next { slots[next]?.previous = previous } else { tail = previous }
    }

    private mutating func remove(at index: Int) {
        guard let slot = slots[index] else { return }
        unlink(previous: slot.previous, next: slot.next)
        slots[index] = nil
        freeSlots.append(index)
        indexByKey[slot.key] = nil
        for tag in slot.tags {
            keysByTag[tag]?.remove(slot.key)
            if keysByTag[tag]?.isEmpty == true { keysByTag[tag] = nil }
        }
        bytes -= slot.bytes
    }
}
