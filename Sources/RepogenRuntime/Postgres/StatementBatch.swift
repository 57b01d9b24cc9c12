import CLibPQ

/// One execution of a prepared statement with its binds.
struct Execution: Sendable {
    let statement: PostgresStatement
    let binds: PostgresBindings

    /// The types its statement is prepared with: the declared ones, else those of the binds.
    var types: [PostgresType] {
        statement.parameterTypes.isEmpty ? binds.types : statement.parameterTypes
    }
}

/// What a connection runs in one round trip: executions sent as one libpq pipeline with one sync after the last.
///
/// Between two syncs the server runs the executions in one implicit transaction (unless they are inside an
/// explicit one): after a failure it skips the rest up to the sync and rolls back what ran.
struct StatementBatch: Sendable {
    /// How the executions' outcomes relate.
    enum Kind: Sendable {
        /// Statements of several callers sharing a sync: each caller gets its own statement's outcome. When any of
        /// them fails, every statement sent runs again alone, since their shared transaction was rolled back.
        case independent
        /// One unit of work: it succeeds whole or fails with its first failure (a statement alone, the chunks of
        /// `runBatched`, a tenant's statement after its `set_config`).
        case atomic
    }

    var executions: [Execution]
    var kind: Kind

    /// Whether the batch begins a unit of work: its first execution is a BEGIN (`Transaction.beginExecution`).
    var opensTransaction: Bool {
        executions.first.map { $0.statement.isAlwaysUnnamed && $0.statement.sql.hasPrefix("BEGIN") } ?? false
    }

    /// The bytes the batch sends: SQL text and binds.
    var byteCount: Int {
        executions.reduce(0) { $0 + $1.binds.bytes.count + $1.statement.sql.utf8.count }
    }
}

/// The replies to one batch (or one script) as libpq hands them out, collected in the order they were sent.
///
/// In pipeline mode every query (a PREPARE sent ahead of its execution is a query of its own) ends with a NULL;
/// after a failure the server skips to the sync and libpq reports each skipped query as `PGRES_PIPELINE_ABORTED`;
/// the sync is answered by one `PGRES_PIPELINE_SYNC`. Outside a transaction the sync commits the batch's implicit
/// one, and a commit that fails (a deferred constraint, a serialization failure) comes first as an error ending
/// with a NULL, on a connection that stays usable. A script (simple protocol, outside pipeline mode) is one query
/// whose results end with a NULL: like `PQexec`, its last result wins unless one of them failed.
struct BatchReply: @unchecked Sendable {
    /// One query owed by the server.
    enum Item {
        case prepare(Int)
        case execute(Int)
        case sync
    }

    /// What became of one execution.
    enum Reply {
        case pending
        case succeeded(ResultHandle)
        case failed(ResultHandle)
        /// Skipped by the server after an earlier failure in the same pipeline.
        case skipped
        /// Not sent (wrong number of binds).
        case refused(any Error)
    }

    private(set) var items: [Item] = []
    private var next = 0
    private(set) var replies: [Reply]
    /// Whether each execution's PREPARE, if one was sent, succeeded.
    private(set) var prepareSucceeded: [Bool]
    /// Whether the connection was lost, or the replies were out of step, before the last item was read.
    private(set) var isLost = false
    /// The server's error where the sync belonged (a FATAL such as 57P01 from a terminated backend), if any.
    private(set) var lossResult: ResultHandle?
    /// Why the sync's implicit transaction failed to commit (an ERROR, not a FATAL); every execution failed with it.
    private(set) var commitFailure: ResultHandle?
    /// Whether the NULL that ends `commitFailure`'s results is still to come.
    private var commitFailureOpen = false
    /// Whether a statement started COPY, which `run`, `runScript` and `runBatched` do not speak.
    private(set) var enteredCopy = false

    init(executions: Int) {
        replies = Array(repeating: .pending, count: executions)
        prepareSucceeded = Array(repeating: false, count: executions)
    }

    /// Whether every item was read, or reading cannot go on.
    var isDone: Bool {
        isLost || enteredCopy || next == items.count
    }

    /// Whether every item, the sync included, was read: the batch's transaction ended as its replies say.
    var isComplete: Bool {
        !isLost && !enteredCopy && next == items.count
    }

    mutating func expect(_ item: Item) {
        items.append(item)
    }

    mutating func refuse(_ index: Int, _ error: any Error) {
        replies[index] = .refused(error)
    }

    /// Records what one `PQgetResult` returned (a NULL ends a query's results).
    mutating func take(_ pointer: OpaquePointer?, on connection: OpaquePointer) {
        guard let pointer else {
            if PQstatus(connection) == CONNECTION_BAD {
                isLost = true
                lossResult = lossResult ?? commitFailure
            } else if case .sync = items[next] {
                isLost = !commitFailureOpen  // else the NULL ending a failed commit; any other is out of step
                commitFailureOpen = false
            } else {
                next += 1
            }
            return
        }
        let result = ResultHandle(pointer)
        let status = PQresultStatus(pointer)
        switch items[next] {
        case .sync where status == PGRES_FATAL_ERROR && commitFailure == nil && !RepogenError.endsSession(pointer):
            commitFailure = result
            commitFailureOpen = true
        case .sync:
            isLost = status != PGRES_PIPELINE_SYNC || commitFailureOpen
            lossResult = isLost ? result : nil
            next += 1
        case .prepare(let index):
            if status == PGRES_COMMAND_OK {
                prepareSucceeded[index] = true
            } else if status != PGRES_PIPELINE_ABORTED {
                replies[index] = .failed(result)
            }
        case .execute(let index):
            record(result, status: status, for: index)
        }
    }

    private mutating func record(_ result: ResultHandle, status: ExecStatusType, for index: Int) {
        switch (status, replies[index]) {
        case (PGRES_COPY_IN, _), (PGRES_COPY_OUT, _), (PGRES_COPY_BOTH, _):
            enteredCopy = true  // libpq hands out a COPY result on every call from here on
        case (_, .failed):
            break  // the first failure stands
        case (PGRES_TUPLES_OK, _), (PGRES_COMMAND_OK, _), (PGRES_EMPTY_QUERY, _):
            replies[index] = .succeeded(result)
        case (PGRES_PIPELINE_ABORTED, _):
            replies[index] = .skipped
        default:
            replies[index] = .failed(result)
        }
    }

    /// Reads until every item is in, blocking in libpq.
    ///
    /// A blocking `PQgetResult` rather than a wait on the socket: with TLS, libpq waits on data OpenSSL has already
    /// buffered, which the socket no longer shows.
    mutating func readBlocking(_ connection: OpaquePointer) {
        while !isDone {
            take(PQgetResult(connection), on: connection)
        }
    }

    /// Consumes what the socket holds and collects the finished results without waiting; true once done.
    mutating func readAvailable(_ connection: OpaquePointer) -> Bool {
        if PQconsumeInput(connection) == 0, PQstatus(connection) == CONNECTION_BAD {
            readBlocking(connection)  // libpq reports the loss without waiting
        }
        while !isDone, PQisBusy(connection) == 0 {
            take(PQgetResult(connection), on: connection)
        }
        return isDone
    }
}
