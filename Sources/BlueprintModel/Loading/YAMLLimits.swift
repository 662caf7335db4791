/// How much YAML the loader accepts, so that reading any input — a blueprint, an
/// `--app-file`, a profile — stays within bounded memory and time (DESIGN.md,
/// promise 6).
///
/// The defaults are far above what a real blueprint needs (Kanister's largest are
/// a few hundred lines, nested about 15 levels, with no aliases) and far below
/// what would hurt the engine. Each limit ends in an error that names it, the
/// position, and how to fix the input.
public struct YAMLLimits: Sendable, Hashable {
    /// Bytes in one file or text. Checked before parsing: libyaml holds the whole
    /// input, and every later stage is proportional to it.
    public var maxBytes: Int
    /// Levels of nested lists and maps, counted after aliases are expanded.
    /// Every stage after loading (conversion, validation, template rendering)
    /// walks the tree recursively; a bound keeps those walks off the stack's edge.
    public var maxDepth: Int
    /// Alias uses (`*name`) after expansion: an alias inside an anchored node
    /// counts again each time that node is used. The "billion laughs" attack is
    /// a handful of anchors each used ten times by the next.
    public var maxAliasExpansions: Int
    /// Nodes (scalars, lists, maps, keys included) after aliases are expanded.
    public var maxNodes: Int
    /// Bytes of scalar text after aliases are expanded: one large scalar used
    /// many times multiplies without adding nodes.
    public var maxExpandedBytes: Int

    public init(maxBytes: Int, maxDepth: Int, maxAliasExpansions: Int, maxNodes: Int, maxExpandedBytes: Int) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansions = maxAliasExpansions
        self.maxNodes = maxNodes
        self.maxExpandedBytes = maxExpandedBytes
    }

    /// 4 MiB, 100 levels, 10,000 alias expansions, 200,000 nodes, 16 MiB of text.
    public static let `default` = YAMLLimits(
        maxBytes: 4 << 20, maxDepth: 100, maxAliasExpansions: 10_000, maxNodes: 200_000, maxExpandedBytes: 16 << 20)
}
