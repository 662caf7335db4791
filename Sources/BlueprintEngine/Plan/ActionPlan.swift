import BlueprintModel

/// The order an action's phases run in: a sequence as written (Kanister's
/// semantics), or — when any phase uses `dependsOn` — a graph whose independent
/// phases run in parallel. The defer phase is not part of the plan's graph: it
/// runs during unwinding, always last.
public struct ActionPlan: Sendable {
    public var phases: [Phase]
    /// For each phase, the indexes of the phases it waits for.
    public var dependencies: [[Int]]
    public var deferPhase: Phase?
    public var isGraph: Bool

    public init(_ action: BlueprintAction) {
        phases = action.phases
        deferPhase = action.deferPhase
        isGraph = action.isGraph
        if isGraph {
            let index = Dictionary(action.phases.enumerated().map { ($0.element.name, $0.offset) },
                                   uniquingKeysWith: { first, _ in first })
            dependencies = action.phases.map { $0.dependsOn.compactMap { index[$0] } }
        } else {
            dependencies = action.phases.indices.map { $0 == 0 ? [] : [$0 - 1] }
        }
    }

    /// Phase indexes in an order that respects dependencies (for dry runs and listings).
    public var topologicalOrder: [Int] {
        var done = Set<Int>()
        var order: [Int] = []
        while order.count < phases.count {
            let before = order.count
            for index in phases.indices where !done.contains(index) && dependencies[index].allSatisfy(done.contains) {
                done.insert(index)
                order.append(index)
            }
            if order.count == before { break }
        }
        return order
    }
}
