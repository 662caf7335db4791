import Yams

/// Measures a composed YAML document as it would be once every alias is
/// expanded — nodes, scalar bytes, alias uses and nesting depth — without
/// expanding it, and refuses it when a ``YAMLLimits`` limit is crossed.
///
/// Yams composes an alias as a reference to the anchored node, so the composed
/// tree of a "billion laughs" file is small; the explosion happens when the tree
/// is copied node by node (into ``SourceValue``, into template parameters).
/// Each anchored node is measured once and its measure reused at every use, so
/// this check costs time proportional to the text, not to the expansion.
struct AliasExpansionCheck {
    let limits: YAMLLimits
    /// Measures of anchored nodes, by the identity of their `Anchor` (Yams makes
    /// one per definition, so a shadowed anchor name is a different key).
    private var measured: [ObjectIdentifier: Extent] = [:]

    /// What a subtree expands to.
    struct Extent {
        var nodes = 0
        var bytes = 0
        var aliases = 0
        /// Levels of lists and maps, this node included.
        var height = 0
    }

    init(limits: YAMLLimits) { self.limits = limits }

    mutating func check(_ root: Node) throws(YAMLInputError) {
        _ = try measure(root, depth: 0, usedAt: root.mark)
    }

    /// `depth` counts the lists and maps around `node`; `usedAt` is where the
    /// node appears in the text — for an alias, the position of the collection
    /// holding it (Yams keeps only the anchored node's own position).
    private mutating func measure(_ node: Node, depth: Int, usedAt: Mark?) throws(YAMLInputError) -> Extent {
        if let anchor = Self.anchor(of: node), let extent = measured[ObjectIdentifier(anchor)] {
            let at = Self.position(usedAt)
            if depth + extent.height > limits.maxDepth { throw .tooDeep(limit: limits.maxDepth, at: at) }
            if extent.aliases + 1 > limits.maxAliasExpansions {
                throw .tooManyAliasExpansions(limit: limits.maxAliasExpansions, anchor: anchor.rawValue, at: at)
            }
            var use = extent
            use.aliases += 1
            return use
        }
        var extent = Extent()
        switch node {
        case .scalar(let scalar):
            extent.nodes = 1
            extent.bytes = scalar.string.utf8.count
        case .sequence(let sequence):
            try enter(node, depth: depth)
            extent.nodes = 1
            for item in sequence {
                try add(measure(item, depth: depth + 1, usedAt: node.mark), to: &extent, at: node.mark, item: item)
            }
            extent.height += 1
        case .mapping(let mapping):
            try enter(node, depth: depth)
            extent.nodes = 1
            for pair in mapping {
                try add(measure(pair.key, depth: depth + 1, usedAt: node.mark), to: &extent, at: node.mark, item: pair.key)
                try add(measure(pair.value, depth: depth + 1, usedAt: pair.key.mark ?? node.mark), to: &extent,
                        at: pair.key.mark ?? node.mark, item: pair.value)
            }
            extent.height += 1
        case .alias:
            extent.nodes = 1
        }
        if let anchor = Self.anchor(of: node) { measured[ObjectIdentifier(anchor)] = extent }
        return extent
    }

    private func enter(_ node: Node, depth: Int) throws(YAMLInputError) {
        if depth + 1 > limits.maxDepth { throw .tooDeep(limit: limits.maxDepth, at: Self.position(node.mark)) }
    }

    /// Adds a child's measure, refusing as soon as a total crosses its limit; every
    /// total stays at most twice its limit, so nothing here can overflow.
    private func add(_ child: Extent, to extent: inout Extent, at mark: Mark?, item: Node) throws(YAMLInputError) {
        extent.nodes += child.nodes
        extent.bytes += child.bytes
        extent.aliases += child.aliases
        extent.height = max(extent.height, child.height)
        let at = Self.position(mark)
        if extent.aliases > limits.maxAliasExpansions {
            throw .tooManyAliasExpansions(limit: limits.maxAliasExpansions,
                                          anchor: Self.anchor(of: item)?.rawValue ?? "?", at: at)
        }
        if extent.nodes > limits.maxNodes { throw .tooManyNodes(limit: limits.maxNodes, at: at) }
        if extent.bytes > limits.maxExpandedBytes { throw .expandsTooLarge(limit: limits.maxExpandedBytes, at: at) }
    }

    private static func anchor(of node: Node) -> Anchor? {
        switch node {
        case .scalar(let scalar): return scalar.anchor
        case .sequence(let sequence): return sequence.anchor
        case .mapping(let mapping): return mapping.anchor
        case .alias: return nil
        }
    }

    private static func position(_ mark: Mark?) -> TextPosition {
        TextPosition(line: mark?.line ?? 1, column: mark?.column ?? 1)
    }
}
