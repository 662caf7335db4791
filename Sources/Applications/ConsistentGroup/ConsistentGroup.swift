import BlueprintEngine
import BlueprintModel

/// Freeze all → snapshot all → thaw all, across the components of one
/// application run whose actions mark phases with `consistency:`.
///
/// A component's `snapshot` phase starts only when every member finished all its
/// `freeze` phases; a `thaw` phase only when every member finished all its
/// `snapshot` phases. A member that fails (any phase, or its run ends without
/// succeeding) **breaks** the group: waiting snapshots fail at once (their runs
/// unwind, so a freeze's undo thaws), freezes not yet started are refused, and
/// thaws go ahead at once — every frozen component is thawed whatever failed.
public actor ConsistentGroup {
    struct Member {
        var freezes: Int
        var snapshots: Int
        var frozen = 0
        var snapshotted = 0
    }

    public struct Broken: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "the consistent group was broken: \(reason)" }
    }

    private var members: [String: Member] = [:]
    private var broken: String?

    public init() {}

    /// Registers a member with its action's marked phases; false when it marks none.
    @discardableResult
    public func join(_ member: String, action: BlueprintAction) -> Bool {
        let roles = action.phases.compactMap(\.consistency)
        guard !roles.isEmpty else { return false }
        members[member] = Member(freezes: roles.filter { $0 == .freeze }.count, snapshots: roles.filter { $0 == .snapshot }.count)
        return true
    }

    public var memberCount: Int { members.count }
    public var brokenReason: String? { broken }

    func willStart(_ member: String, role: ConsistencyRole) async throws {
        switch role {
        case .freeze:
            if let broken { throw Broken(reason: broken) }
        case .snapshot:
            while !members.values.allSatisfy({ $0.frozen >= $0.freezes }) {
                if let broken { throw Broken(reason: broken) }
                try await Task.sleep(for: .milliseconds(20))
            }
            if let broken { throw Broken(reason: broken) }
        case .thaw:
            while broken == nil && !members.values.allSatisfy({ $0.snapshotted >= $0.snapshots }) {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    func didFinish(_ member: String, role: ConsistencyRole, phase: String, succeeded: Bool) {
        guard succeeded else {
            if role != .thaw { breakGroup("\(member): phase `\(phase)` (\(role.rawValue)) failed") }
            return
        }
        switch role {
        case .freeze: members[member]?.frozen += 1
        case .snapshot: members[member]?.snapshotted += 1
        case .thaw: break
        }
    }

    /// A member's run ended; unless it succeeded, the group breaks.
    public func ended(_ member: String, succeeded: Bool) {
        guard members[member] != nil else { return }
        if !succeeded { breakGroup("\(member) did not succeed") }
    }

    func breakGroup(_ reason: String) {
        if broken == nil { broken = reason }
    }

    /// The gate a member's executor calls around its phases.
    public nonisolated func gate(for member: String) -> any PhaseGate { MemberGate(group: self, member: member) }

    struct MemberGate: PhaseGate {
        let group: ConsistentGroup
        let member: String

        func willStart(_ phase: Phase) async throws {
            guard let role = phase.consistency else { return }
            try await group.willStart(member, role: role)
        }

        func didFinish(_ phase: Phase, succeeded: Bool) async {
            if let role = phase.consistency {
                await group.didFinish(member, role: role, phase: phase.name, succeeded: succeeded)
            } else if !succeeded {
                await group.breakGroup("\(member): phase `\(phase.name)` failed")
            }
        }
    }
}
