import BlueprintEngine
import KubeClient

/// Waiting for a VolumeSnapshot, shared by the CSI snapshot functions.
enum CSISnapshots {
    /// How long a snapshot may take to become ready when the phase sets no timeout.
    static let readyLimit: Duration = .seconds(15 * 60)

    /// Waits until `status.readyToUse` is true; a `status.error` fails at once.
    static func waitUntilReady(_ name: String, namespace: String, client: KubernetesClient, function: String) async throws -> KubeObject {
        try await Polling.until(function: function, waitingFor: "VolumeSnapshot \(namespace)/\(name) to be readyToUse",
                                limit: readyLimit) { () async throws -> (value: KubeObject?, state: String) in
            let snapshot = try await client.get(.volumeSnapshots, name: name, namespace: namespace)
            if let message = snapshot.json.value(at: "status.error.message")?.stringValue, !message.isEmpty {
                throw KubeFunctionError.podFailed(function: function, pod: "VolumeSnapshot \(namespace)/\(name)", reason: message)
            }
            let ready = snapshot.json.value(at: "status.readyToUse")?.boolValue ?? false
            return (ready ? snapshot : nil, "readyToUse \(ready)")
        }
    }

    /// Until the snapshot is cut: `status.creationTime` set (or already ready).
    static func waitUntilCut(_ name: String, namespace: String, client: KubernetesClient, function: String) async throws -> KubeObject {
        try await Polling.until(function: function, waitingFor: "VolumeSnapshot \(namespace)/\(name) to be cut (status.creationTime)",
                                limit: readyLimit, interval: .milliseconds(200)) { () async throws -> (value: KubeObject?, state: String) in
            let snapshot = try await client.get(.volumeSnapshots, name: name, namespace: namespace)
            if let message = snapshot.json.value(at: "status.error.message")?.stringValue, !message.isEmpty {
                throw KubeFunctionError.podFailed(function: function, pod: "VolumeSnapshot \(namespace)/\(name)", reason: message)
            }
            let cut = snapshot.json.value(at: "status.creationTime")?.stringValue.map { !$0.isEmpty } ?? false
            let ready = snapshot.json.value(at: "status.readyToUse")?.boolValue ?? false
            return (cut || ready ? snapshot : nil, "creationTime \(cut ? "set" : "not set"), readyToUse \(ready)")
        }
    }

    /// The outputs every snapshot-creating function reports.
    static func outputs(_ snapshot: KubeObject, name: String, namespace: String) -> [String: ArgumentValue] {
        let restoreSize = snapshot.json.value(at: "status.restoreSize").map { value -> String in
            switch value {
            case .string(let s): return s
            case .int(let i): return String(i)
            default: return ""
            }
        } ?? ""
        return ["name": .string(name), "namespace": .string(namespace), "restoreSize": .string(restoreSize),
                "snapshotContent": .string(snapshot.json.value(at: "status.boundVolumeSnapshotContentName")?.stringValue ?? "")]
    }

    static func randomSuffix() -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<5).map { _ in letters.randomElement()! })
    }
}
