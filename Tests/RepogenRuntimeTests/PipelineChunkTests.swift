import Testing

@testable import RepogenRuntime

/// How `runBatched` splits its inputs: one statement below two chunks, else near-equal contiguous ranges.
@Suite struct PipelineChunkTests {
    @Test(arguments: [1, 4_999, 5_000, 7_500, 10_000, 10_001])
    func chunksCoverTheInputsInOrder(count: Int) {
        let chunks = PostgresConnection.pipelineChunks(count: count, chunkRows: 2_500)
        #expect(chunks.first?.lowerBound == 0 && chunks.last?.upperBound == count)
        #expect(zip(chunks, chunks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(chunks.count == 1 || chunks.allSatisfy { !$0.isEmpty && $0.count <= 2_500 })
        #expect(chunks.count == (count < 5_000 ? 1 : (count + 2_499) / 2_500))
    }
}
