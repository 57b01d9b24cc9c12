/// The pool's decisions without any I/O: each event updates the state and returns what the pool must do.
///
/// Waiters are served first come, first served; the most recently returned idle connection is reused first.
struct PoolStateMachine: Sendable {
    typealias ConnectionID = Int
    typealias WaiterID = Int

    /// Why a waiter gets an error instead of a connection.
    enum Failure: Sendable, Hashable {
        case timedOut
        case cancelled
        case poolClosed
        case connectFailed
    }

    /// Something the pool must do.
    enum Action: Sendable, Hashable {
        case lease(ConnectionID, to: WaiterID)
        case openConnection
        case closeConnection(ConnectionID)
        case fail(WaiterID, Failure)
    }

    let maximum: Int
    private(set) var idle: [ConnectionID] = []
    private(set) var leased: Set<ConnectionID> = []
    private(set) var opening = 0
    private(set) var waiters: [WaiterID] = []
    private(set) var isClosed = false

    init(maximum: Int) {
        self.maximum = maximum
    }

    /// Connections open, leased or being opened.
    var total: Int {
        idle.count + leased.count + opening
    }

    /// A caller wants a connection.
    mutating func acquire(_ waiter: WaiterID) -> [Action] {
        guard !isClosed else {
            return [.fail(waiter, .poolClosed)]
        }
        waiters.append(waiter)
        return serve()
    }

    /// A connection opened outside the pool (e.g. at start) joins it as idle.
    mutating func adopt(_ connection: ConnectionID) -> [Action] {
        guard !isClosed else {
            return [.closeConnection(connection)]
        }
        idle.append(connection)
        return serve()
    }

    /// A connection requested with `.openConnection` is ready.
    mutating func connectionOpened(_ connection: ConnectionID) -> [Action] {
        opening -= 1
        return adopt(connection)
    }

    /// A connection requested with `.openConnection` could not be opened; the oldest waiter gets the error.
    mutating func connectionFailedToOpen() -> [Action] {
        opening -= 1
        guard !waiters.isEmpty else {
            return []
        }
        let waiter = waiters.removeFirst()
        return [.fail(waiter, .connectFailed)] + serve()
    }

    /// A leased connection comes back; one that is broken or mid-transaction is closed instead of reused.
    mutating func release(_ connection: ConnectionID, reusable: Bool) -> [Action] {
        guard leased.remove(connection) != nil else {
            return []
        }
        guard reusable, !isClosed else {
            return [.closeConnection(connection)] + serve()
        }
        idle.append(connection)
        return serve()
    }

    /// A waiter's acquire timeout elapsed; nothing happens if it was already served.
    mutating func timeOut(_ waiter: WaiterID) -> [Action] {
        removeWaiter(waiter, because: .timedOut)
    }

    /// A waiter's task was cancelled; nothing happens if it was already served.
    mutating func cancel(_ waiter: WaiterID) -> [Action] {
        removeWaiter(waiter, because: .cancelled)
    }

    /// Fails every waiter and closes every idle connection; leased ones are closed when released.
    mutating func close() -> [Action] {
        isClosed = true
        let actions = waiters.map { Action.fail($0, .poolClosed) } + idle.map { Action.closeConnection($0) }
        waiters.removeAll()
        idle.removeAll()
        return actions
    }

    private mutating func removeWaiter(_ waiter: WaiterID, because failure: Failure) -> [Action] {
        guard let index = waiters.firstIndex(of: waiter) else {
            return []
        }
        waiters.remove(at: index)
        return [.fail(waiter, failure)]
    }

    /// Hands idle connections to the oldest waiters, then opens connections for the waiters still unserved.
    private mutating func serve() -> [Action] {
        var actions: [Action] = []
        while !waiters.isEmpty, let connection = idle.popLast() {
            leased.insert(connection)
            actions.append(.lease(connection, to: waiters.removeFirst()))
        }
        while waiters.count > opening, total < maximum {
            opening += 1
            actions.append(.openConnection)
        }
        return actions
    }
}
