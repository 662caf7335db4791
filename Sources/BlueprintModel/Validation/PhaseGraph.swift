/// Cycle detection over `dependsOn` edges (phase → the phases it waits for).
public enum PhaseGraph {
    /// One cycle as a list of phase names (each depends on the next, the last on
    /// the first), or nil when the graph is acyclic. `order` makes the result stable.
    public static func findCycle(in graph: [String: [String]], order: [String]) -> [String]? {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var stack: [String] = []

        func visit(_ node: String) -> [String]? {
            if marks[node] == .done { return nil }
            if marks[node] == .visiting {
                let start = stack.firstIndex(of: node)!
                return Array(stack[start...])
            }
            marks[node] = .visiting
            stack.append(node)
            for next in graph[node] ?? [] {
                if let cycle = visit(next) { return cycle }
            }
            stack.removeLast()
            marks[node] = .done
            return nil
        }

        for node in order {
            if let cycle = visit(node) { return cycle }
        }
        return nil
    }
}
