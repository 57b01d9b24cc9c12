extension ThrowawayCluster {
    /// Makes this new cluster a streaming replica of `primary` (`pg_basebackup -R -X stream`, which writes
    /// `standby.signal` and `primary_conninfo` for the primary's socket) and starts it as a hot standby.
    func startAsReplica(of primary: ThrowawayCluster) throws {
        try prepareDirectories(owner: Self.runAs)
        TestCleanup.shared.registerCluster(directory: directory, dataDirectory: dataDirectory)
        startWatchdog()
        try ProcessRunner.run(
            try Self.binaryDirectory() + "/pg_basebackup",
            ["-D", dataDirectory, "-R", "-X", "stream", "-c", "fast", "-h", primary.socketDirectory, "-U", "postgres"],
            asUser: Self.runAs, workingDirectory: directory, log: directory + "/basebackup.log")
        try pgCtl(["start"])
    }
}
