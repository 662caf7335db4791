@testable import Applications
import BlueprintEngine
import Foundation
import Testing

/// Application records are journaled beside the runs, under their own validated id.
struct ApplicationStoreTests {
    static func store() -> ApplicationStore {
        ApplicationStore(home: FileManager.default.temporaryDirectory.appendingPathComponent("apps-\(UUID().uuidString)"))
    }

    @Test func aRecordRoundTripsAndIsListed() throws {
        let store = Self.store()
        var record = ApplicationRecord(id: ApplicationStore.newID(action: "backup"), app: "shop", namespace: "shop",
                                       action: "backup", from: nil, startedAt: Date(),
                                       components: [ComponentRecord(kind: "StatefulSet", name: "pg", namespace: "shop",
                                                                    blueprint: "postgresql", runID: "r1")])
        record.state = .succeeded
        try store.save(record)
        #expect(store.contains(record.id))
        let loaded = try store.load(record.id)
        #expect(loaded.id == record.id && loaded.state == .succeeded && loaded.components == record.components)
        #expect(abs(loaded.startedAt.timeIntervalSince(record.startedAt)) < 0.001)
        #expect(store.list().map(\.id) == [record.id])
        #expect(record.id.contains("-app-backup-"))
    }

    @Test func aPathIsNotAnIdAndAMissingRecordSaysWhere() throws {
        let store = Self.store()
        #expect(!store.contains("../etc/passwd"))
        #expect(throws: RunStore.StoreError.self) { try store.load("../x") }
        let error = #expect(throws: ApplicationError.self) { try store.load("nosuch") }
        #expect(error?.description.contains(store.directory.path) == true)
    }
}
