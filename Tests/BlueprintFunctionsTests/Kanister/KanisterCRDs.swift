import Foundation
import KubeClient
@testable import BlueprintFunctions

/// deploy/crds/ applied to the test API server, as `kubectl apply -f deploy/crds/`
/// would: created when missing, replaced when present, then waited for until
/// the API serves them.
enum KanisterCRDs {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy/crds")

    static let files = ["actionset.yaml", "blueprint.yaml", "profile.yaml"]

    static func manifest(_ file: String) throws -> KubeObject {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        return KubeObject(try JSONValue.parsingYAML(text))
    }

    /// Once per test process (suites run in parallel); other processes (the CLI
    /// tests' `kubectl apply`) may write the same CRDs, so a conflict is retried.
    static func install(_ client: KubernetesClient) async throws {
        try await once.run { try await installNow(client) }
    }

    static let once = Once()

    actor Once {
        private var task: Task<Void, any Error>?

        func run(_ body: @escaping @Sendable () async throws -> Void) async throws {
            if let task { return try await task.value }
            let started = Task { try await body() }
            task = started
            try await started.value
        }
    }

    static func installNow(_ client: KubernetesClient) async throws {
        for file in files {
            let crd = try manifest(file)
            let name = crd.name ?? file
            var attempt = 0
            while true {
                attempt += 1
                do {
                    if let existing = try await client.getIfPresent(.customResourceDefinitions, name: name) {
                        var replacement = crd
                        replacement.json["metadata"]?["resourceVersion"] = existing.json.value(at: "metadata.resourceVersion")
                        _ = try await client.update(.customResourceDefinitions, replacement)
                    } else {
                        _ = try await client.create(.customResourceDefinitions, crd)
                    }
                    break
                } catch let error as KubeError where (error.isConflict || error.isAlreadyExists) && attempt < 10 {
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            try await waitEstablished(client, name: name)
        }
    }

    /// Until the CRD's `Established` condition is True (a generous hang guard).
    static func waitEstablished(_ client: KubernetesClient, name: String) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let crd = try await client.get(.customResourceDefinitions, name: name)
            let conditions = crd.json.value(at: "status.conditions")?.arrayValue ?? []
            if conditions.contains(where: { $0["type"]?.stringValue == "Established" && $0["status"]?.stringValue == "True" }) {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw NotEstablished(name: name)
    }

    struct NotEstablished: Error, CustomStringConvertible {
        let name: String
        var description: String { "CRD \(name) was not Established within 60 s" }
    }

    /// Creates `object`, retrying while the API has not started serving the new
    /// resource yet (404 right after Established, for a moment).
    static func create(_ client: KubernetesClient, _ type: ResourceType, _ object: KubeObject, namespace: String) async throws
        -> KubeObject {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            do {
                return try await client.create(type, object, namespace: namespace)
            } catch let error as KubeError where error.isNotFound && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }
}
