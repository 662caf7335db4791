import BlueprintEngine
import EngineTestSupport
import Foundation
import Testing

/// Run ids are names, never paths (DESIGN.md promise 7).
@Suite struct RunIDTests {
    @Test(arguments: ["../../elsewhere/x", "a/b", "..", ".hidden", "", "x\u{1B}[2J", String(repeating: "a", count: 129), "run id"])
    func aPathOrOddNameIsRefusedBeforeItTouchesAFile(id: String) {
        let scratch = Scratch()
        #expect(throws: RunStore.StoreError.self) { try scratch.store.load(id) }
        #expect(!RunStore.isValidID(id))
    }

    @Test func aGeneratedIdIsValid() {
        #expect(RunStore.isValidID(RunStore.newRunID(action: "backup")))
        #expect(RunStore.isValidID("r1"))
    }

    @Test func aRecordPlantedUnderAnotherNameIsRefused() async throws {
        let scratch = Scratch()
        let real = RunRecord(id: "victim", blueprint: "b", blueprintFile: "f", action: "backup", target: "t", options: [:],
                             from: nil, pid: 1, startedAt: Date(), phases: [])
        try await scratch.store.save(real)
        // A file called planted.json that claims to be run `victim`.
        try FileManager.default.copyItem(at: scratch.store.runsDirectory.appendingPathComponent("victim.json"),
                                         to: scratch.store.runsDirectory.appendingPathComponent("planted.json"))
        #expect(throws: RunStore.StoreError.self) { try scratch.store.load("planted") }
        do {
            _ = try scratch.store.load("planted")
        } catch {
            #expect(error.description.contains("holds the record of run `victim`, not `planted`"))
        }
        #expect(try scratch.store.load("victim").id == "victim")
    }

    @Test func aRecordWithAPathForAnIdIsNeverWritten() async throws {
        let scratch = Scratch()
        let evil = RunRecord(id: "../../escaped", blueprint: "b", blueprintFile: "f", action: "backup", target: "t",
                             options: [:], from: nil, pid: 1, startedAt: Date(), phases: [])
        await #expect(throws: RunStore.StoreError.self) { try await scratch.store.save(evil) }
        #expect(!FileManager.default.fileExists(atPath: scratch.store.runsDirectory
            .appendingPathComponent("../../escaped.json").standardized.path))
    }
}
