import Synchronization

/// The parsed trees of a ``Template``, released on ``BigStack`` when they nest deep.
///
/// Nodes are classes that own their children, so freeing a tree recurses once per
/// nesting level; 10,000 nested `if`s freed on a 512 KiB thread would overflow its
/// stack wherever the last copy of the template happens to be dropped.
final class TreeStorage: Sendable {
    /// Nesting (control structures or parentheses) up to which trees are freed in place.
    static let shallowNesting = 64

    /// A Mutex only so that `deinit` can take the trees out and free them elsewhere.
    private let box: Mutex<[String: Tree]>
    private let deep: Bool

    init(trees: [String: Tree], deep: Bool) {
        box = Mutex(trees)
        self.deep = deep
    }

    var trees: [String: Tree] { box.withLock { $0 } }

    deinit {
        guard deep else { return }
        var taken = box.withLock { trees in
            let all = trees
            trees = [:]
            return all
        }
        // `taken` holds the only references now; dropping them there makes the
        // recursive release of the nodes run on the big stack.
        BigStack.run { taken.removeAll() }
    }
}
