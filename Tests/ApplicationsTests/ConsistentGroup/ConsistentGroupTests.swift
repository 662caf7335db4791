@testable import Applications
import BlueprintEngine
import BlueprintModel
import Foundation
import Testing

/// Freeze all → snapshot all → thaw all across members, and a broken group that
/// still lets every thaw through.
struct ConsistentGroupTests {
    static let here = SourceLocation(file: "test", line: 1, column: 1)

    static func phase(_ name: String, _ role: ConsistencyRole?) -> Phase {
        var phase = Phase(name: name, function: "Exec", functionLocation: here, location: here)
        phase.consistency = role
        return phase
    }

    static func action(_ phases: [Phase]) -> BlueprintAction {
        BlueprintAction(name: "snapshot", phases: phases, location: here)
    }

    /// A timeline of "member:phase:start|end".
    actor Timeline {
        var events: [String] = []
        func note(_ event: String) { events.append(event) }
        func index(_ event: String) -> Int { events.firstIndex(of: event) ?? -1 }
    }

    /// Runs a member's phases through its gate as the executor would: each takes
    /// `durations[phase]` seconds; `failing` throws. Returns whether it succeeded.
    static func member(_ name: String, _ phases: [Phase], group: ConsistentGroup, timeline: Timeline,
                       durations: [String: Double] = [:], failing: String? = nil) async -> Bool {
        let gate = group.gate(for: name)
        for phase in phases {
            do {
                try await gate.willStart(phase)
            } catch {
                await timeline.note("\(name):\(phase.name):refused")
                await gate.didFinish(phase, succeeded: false)
                // The run unwinds: its freeze's undo thaws.
                await timeline.note("\(name):undo-thaw")
                return false
            }
            await timeline.note("\(name):\(phase.name):start")
            try? await Task.sleep(for: .milliseconds(Int((durations[phase.name] ?? 0.01) * 1000)))
            let ok = phase.name != failing
            await timeline.note("\(name):\(phase.name):\(ok ? "end" : "failed")")
            await gate.didFinish(phase, succeeded: ok)
            if !ok {
                await timeline.note("\(name):undo-thaw")
                return false
            }
        }
        return true
    }

    static let phases = [phase("freeze", .freeze), phase("snapshot", .snapshot), phase("thaw", .thaw)]

    @Test func everyFreezeEndsBeforeTheFirstSnapshotAndEveryThawStartsAfterTheLastSnapshot() async {
        let group = ConsistentGroup()
        #expect(await group.join("a", action: Self.action(Self.phases)))
        #expect(await group.join("b", action: Self.action(Self.phases)))
        #expect(await !group.join("plain", action: Self.action([Self.phase("dump", nil)])))
        let timeline = Timeline()
        async let a = Self.member("a", Self.phases, group: group, timeline: timeline, durations: ["snapshot": 0.3])
        async let b = Self.member("b", Self.phases, group: group, timeline: timeline, durations: ["freeze": 0.3])
        let results = await [a, b]
        #expect(results == [true, true])
        let lastFreezeEnd = max(await timeline.index("a:freeze:end"), await timeline.index("b:freeze:end"))
        let firstSnapshotStart = min(await timeline.index("a:snapshot:start"), await timeline.index("b:snapshot:start"))
        let lastSnapshotEnd = max(await timeline.index("a:snapshot:end"), await timeline.index("b:snapshot:end"))
        let firstThawStart = min(await timeline.index("a:thaw:start"), await timeline.index("b:thaw:start"))
        let events = await timeline.events
        #expect(lastFreezeEnd < firstSnapshotStart, "\(events)")
        #expect(lastSnapshotEnd < firstThawStart, "\(events)")
    }

    @Test func aFailedSnapshotInTheSecondMemberStillThawsBoth() async {
        let group = ConsistentGroup()
        await group.join("a", action: Self.action(Self.phases))
        await group.join("b", action: Self.action(Self.phases))
        let timeline = Timeline()
        // a's snapshot is done quickly and waits at the thaw; b's snapshot fails.
        async let a = Self.member("a", Self.phases, group: group, timeline: timeline)
        async let b = Self.member("b", Self.phases, group: group, timeline: timeline, durations: ["snapshot": 0.2],
                                  failing: "snapshot")
        let results = await [a, b]
        #expect(results == [true, false])
        let events = await timeline.events
        #expect(events.contains("a:thaw:end") && events.contains("b:undo-thaw"), "\(events)")
        let reason = await group.brokenReason
        #expect(reason?.contains("b: phase `snapshot` (snapshot) failed") == true, "\(reason ?? "not broken")")
    }

    @Test func aMemberWaitingToSnapshotIsRefusedWhenAnotherFailsToFreeze() async {
        let group = ConsistentGroup()
        await group.join("a", action: Self.action(Self.phases))
        await group.join("b", action: Self.action(Self.phases))
        let timeline = Timeline()
        async let a = Self.member("a", Self.phases, group: group, timeline: timeline)
        async let b = Self.member("b", Self.phases, group: group, timeline: timeline, durations: ["freeze": 0.2], failing: "freeze")
        let results = await [a, b]
        #expect(results == [false, false])
        let events = await timeline.events
        #expect(events.contains("a:snapshot:refused") && events.contains("a:undo-thaw"), "\(events)")
        #expect(!events.contains("a:snapshot:start"))
    }
}
