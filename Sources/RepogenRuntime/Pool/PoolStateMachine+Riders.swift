/// Riders: statements queued behind a plain read that join its pipeline on the connection serving it.
extension PoolStateMachine {
    /// Takes the waiters at the front of the queue that may join `leader`'s pipeline, oldest first: at most
    /// `pipelineDepth - 1` of them, stopping at the first one that may not ride.
    ///
    /// Riders leave only from the front, so a waiter that wants a connection of its own (a transaction) is never
    /// overtaken by a statement queued after it; nor is a write, which runs alone so that no read waits inside a
    /// pipeline behind a write that waits for a lock. With nobody to take, the empty array allocates nothing.
    mutating func takeRiders(joining leader: Want) -> [WaiterID] {
        guard limits.mayLead(leader), let first = waiters.first, limits.mayRide(first.want) else {
            return []
        }
        var riders: [WaiterID] = []
        while riders.count < limits.pipelineDepth - 1, let next = waiters.first, limits.mayRide(next.want) {
            riders.append(waiters.removeFirst().id)
        }
        return riders
    }
}

extension PoolStateMachine.Limits {
    /// Whether a statement may share a pipeline: a plain read whose binds are within `riderByteLimit` (a larger
    /// one, say `= ANY($1)` over thousands of keys, would hold the ones behind it while it is sent).
    func mayRide(_ want: PoolStateMachine.Want) -> Bool {
        guard case .statement(let sharesPipeline, let bindBytes) = want else {
            return false
        }
        return sharesPipeline && bindBytes <= riderByteLimit
    }

    /// Whether a statement may take riders into its pipeline: one that may ride, when pipelines hold more than one.
    func mayLead(_ want: PoolStateMachine.Want) -> Bool {
        pipelineDepth > 1 && mayRide(want)
    }
}
