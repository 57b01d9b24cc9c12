import Foundation
import RepogenRuntime
import Testing

/// Cache keys are built without reflection for the usual key types, and read exactly as before.
@Suite("Cache keys")
struct CacheKeyTests {
    private let policy = EntityCachePolicy(table: "users", ttl: .seconds(60), tier: .l1)

    /// What keys were before the fast path: every argument through `String(reflecting:)`.
    private func reflected(_ read: String, _ arguments: [Any]) -> String {
        "users:" + read + ":" + arguments.map { String(reflecting: $0) }.joined(separator: ",")
    }

    @Test func uuidKeysReadAsTheirUpperCaseString() {
        for id in [UUID(), UUID(), UUID(uuidString: "00000000-0000-0000-0000-00000000000F")!] {
            #expect(policy.key("id", [id]) == "users:id:" + id.uuidString)
            #expect(policy.key("id", [id]) == reflected("id", [id]))
        }
    }

    @Test func integerStringAndMixedKeysAreUnchanged() {
        let cases: [[Any]] = [
            [42], [Int32(-7)], [Int64.max], ["a@b.example"], ["quote \"x\"\n"], [Int16(3)],
            [UUID(), 5, "x"], [], [Optional<Int>.none as Any], [true],
        ]
        for arguments in cases {
            #expect(policy.key("byEmail", arguments) == reflected("byEmail", arguments))
        }
    }
}
