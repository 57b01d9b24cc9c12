import Foundation

/// One node of an `EXPLAIN (FORMAT JSON)` plan, with only what the advisor reads.
struct PlanNode: Sendable {
    let nodeType: String
    let relation: String?
    /// The index an index or bitmap index scan reads.
    let indexName: String?
    let filter: String?
    /// `Index Cond` of an index scan, or `Recheck Cond` of a bitmap heap scan.
    let indexCondition: String?
    let sortKeys: [String]
    let rows: Double
    let children: [PlanNode]

    /// The top node of `EXPLAIN (FORMAT JSON)` output, nil when the text is not such a plan.
    init?(explainOutput: String) {
        let json = try? JSONSerialization.jsonObject(with: Data(explainOutput.utf8))
        guard let top = (json as? [Any])?.first as? [String: Any], let plan = top["Plan"] as? [String: Any] else {
            return nil
        }
        self.init(plan)
    }

    private init(_ node: [String: Any]) {
        nodeType = node["Node Type"] as? String ?? ""
        relation = node["Relation Name"] as? String
        indexName = node["Index Name"] as? String
        filter = node["Filter"] as? String
        indexCondition = (node["Index Cond"] ?? node["Recheck Cond"]) as? String
        sortKeys = node["Sort Key"] as? [String] ?? []
        rows = (node["Plan Rows"] as? NSNumber)?.doubleValue ?? 0
        children = (node["Plans"] as? [[String: Any]] ?? []).map(PlanNode.init)
    }

    /// Whether the node reads a whole table: a sequential scan, or an index scan with no index condition (walking
    /// an index only for its order, filtering every row).
    var readsWholeTable: Bool {
        guard relation != nil else { return false }
        return nodeType == "Seq Scan"
            || ((nodeType == "Index Scan" || nodeType == "Index Only Scan") && indexCondition == nil)
    }

    /// The index the scan reads: its own, or for a bitmap heap scan, the one its bitmap index scan below reads.
    var usedIndex: String? {
        indexName ?? children.lazy.compactMap(\.usedIndex).first
    }

    /// Whether the node sorts its input.
    var isSort: Bool {
        nodeType == "Sort" || nodeType == "Incremental Sort"
    }

    /// Whether the node hands its one child's rows on in the same order, so a sort above it sorts that child.
    var keepsOrder: Bool {
        ["Limit", "Gather", "Gather Merge", "Materialize", "Result", "LockRows"].contains(nodeType)
    }
}
