/// A one-shot signal between tasks: `wait()` suspends until `open()` is called.
final class Gate: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self)
    }

    func open() {
        continuation.finish()
    }

    func wait() async {
        for await _ in stream {}
    }
}

/// An ordered, thread-safe log of events for assertions about order.
actor EventLog<Event: Sendable> {
    private(set) var events: [Event] = []

    func append(_ event: Event) {
        events.append(event)
    }
}
