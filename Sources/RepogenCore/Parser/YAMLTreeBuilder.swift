import CYAML

/// Builds a `YAMLNode` tree from libyaml events with an explicit stack, so nesting never recurses.
struct YAMLTreeBuilder {
    /// A collection whose end event has not arrived yet.
    private struct OpenCollection {
        var isMapping: Bool
        var items: [YAMLNode] = []
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var pendingKey: YAMLNode?
        var location: SourceLocation
        var anchor: String?
        var size = 1
    }

    /// A finished node and how many nodes it holds, aliases expanded.
    private struct SizedNode {
        var node: YAMLNode
        var size: Int
    }

    let file: String
    /// `file`'s number, taken once: every node gets a location.
    private let fileNumber: UInt32
    let rejectsDuplicateKeys: Bool
    private var stack: [OpenCollection] = []
    private var anchors: [String: SizedNode] = [:]
    private var root: YAMLNode?
    private var documentCount = 0
    private var nodeCount = 0
    private var diagnostics: [Diagnostic] = []
    /// Whether a fatal problem ended the parse.
    private(set) var isStopped = false

    /// Creates a builder for one file.
    init(file: String, rejectsDuplicateKeys: Bool) {
        self.file = file
        fileNumber = SourceFileNames.number(of: file)
        self.rejectsDuplicateKeys = rejectsDuplicateKeys
    }

    /// Ends the parse with a fatal diagnostic; the tree is dropped.
    mutating func stop(with diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
        isStopped = true
        root = nil
    }

    /// The document, or the reason there is none.
    func finish() -> YAMLDocument {
        if !isStopped && documentCount == 0 {
            let empty = Diagnostic.error("schema file is empty", at: YAMLParser.start(of: file))
            return YAMLDocument(root: nil, diagnostics: [empty])
        }
        return YAMLDocument(root: isStopped ? nil : root, diagnostics: diagnostics)
    }

    /// Applies one event to the tree under construction.
    mutating func handle(_ event: yaml_event_t) {
        let mark = event.start_mark
        let location = SourceLocation(fileNumber: fileNumber, line: mark.line &+ 1, column: mark.column &+ 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documentCount += 1
            if documentCount > 1 {
                stop(with: .error("a schema file must hold a single YAML document", at: location))
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = Self.string(scalar.value, length: scalar.length)
            let node = YAMLNode.scalar(text, Self.style(of: scalar.style), location)
            add(SizedNode(node: node, size: 1), anchor: Self.optionalString(scalar.anchor), at: location)
        case YAML_ALIAS_EVENT:
            addAlias(Self.optionalString(event.data.alias.anchor) ?? "", at: location)
        case YAML_SEQUENCE_START_EVENT:
            open(OpenCollection(isMapping: false, location: location,
                                anchor: Self.optionalString(event.data.sequence_start.anchor)))
        case YAML_MAPPING_START_EVENT:
            open(OpenCollection(isMapping: true, location: location,
                                anchor: Self.optionalString(event.data.mapping_start.anchor)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            close()
        default:
            break
        }
    }

    /// Starts a collection, unless that would nest deeper than the limit.
    private mutating func open(_ collection: OpenCollection) {
        guard stack.count < YAMLParser.maximumDepth else {
            let limit = YAMLParser.maximumDepth
            stop(with: .error("YAML nesting is too deep (more than \(limit) levels)", at: collection.location))
            return
        }
        stack.append(collection)
    }

    /// Finishes the innermost collection and attaches it to its parent.
    private mutating func close() {
        guard let collection = stack.popLast() else { return }
        let node: YAMLNode
        if collection.isMapping {
            if rejectsDuplicateKeys { reportDuplicateKeys(in: collection.pairs) }
            node = .mapping(collection.pairs, collection.location)
        } else {
            node = .sequence(collection.items, collection.location)
        }
        add(SizedNode(node: node, size: collection.size), anchor: collection.anchor, at: collection.location,
            newNodes: 1)
    }

    /// Replaces an alias with the node its anchor names, or reports an undefined anchor.
    private mutating func addAlias(_ name: String, at location: SourceLocation) {
        guard let target = anchors[name] else {
            stop(with: .error("YAML alias '*\(name)' refers to an undefined anchor", at: location))
            return
        }
        add(target, anchor: nil, at: location)
    }

    /// Attaches a finished node to the open collection, or makes it the document root. `newNodes` is how many
    /// nodes this adds to the document (a collection's children were counted as they arrived; an alias counts
    /// its whole expansion), so the limit bounds the expanded tree whatever its depth.
    private mutating func add(_ sized: SizedNode, anchor: String?, at location: SourceLocation, newNodes: Int? = nil) {
        nodeCount = nodeCount.addingReportingOverflow(newNodes ?? sized.size).partialValue
        if nodeCount > YAMLParser.maximumNodeCount || nodeCount < 0 {
            let limit = YAMLParser.maximumNodeCount
            stop(with: .error("YAML document is too large (more than \(limit) nodes with aliases expanded)",
                              at: location))
            return
        }
        if let anchor { anchors[anchor] = sized }
        guard var parent = stack.popLast() else {
            root = sized.node
            return
        }
        parent.size = parent.size.addingReportingOverflow(sized.size).partialValue
        if !parent.isMapping {
            parent.items.append(sized.node)
        } else if let key = parent.pendingKey {
            parent.pairs.append((key: key, value: sized.node))
            parent.pendingKey = nil
        } else {
            parent.pendingKey = sized.node
        }
        stack.append(parent)
    }

    /// Reports every scalar key that already appeared earlier in the same mapping.
    private mutating func reportDuplicateKeys(in pairs: [(key: YAMLNode, value: YAMLNode)]) {
        var seen = Set<String>()
        for pair in pairs {
            guard let text = pair.key.scalarText else { continue }
            if !seen.insert(text).inserted {
                diagnostics.append(.error("duplicate key '\(text)'", at: pair.key.location))
            }
        }
    }

    /// Decodes a libyaml buffer as UTF-8.
    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    /// Decodes an optional NUL-terminated libyaml string (anchors).
    private static func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// Maps libyaml's scalar style.
    private static func style(of style: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
