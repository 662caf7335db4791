import Foundation
import Testing
@testable import KubeClient

/// CRUD, selectors, paging, patches and watch against the real API server.
@Suite(.enabled(if: Envtest.enabled)) struct ObjectTests {
    func configMap(_ name: String, labels: [String: String] = [:], data: [String: String] = [:]) -> KubeObject {
        KubeObject([
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": .string(name), "labels": .object(labels.mapValues { .string($0) })],
            "data": .object(data.mapValues { .string($0) }),
        ])
    }

    @Test func configMapCreateGetUpdatePatchDelete() async throws {
        try await Envtest.withClient { client in
            let ns = try await Envtest.makeNamespace(client, prefix: "crud")
            let created = try await client.create(.configMaps, configMap("cfg", data: ["a": "1"]), namespace: ns)
            #expect(created.namespace == ns)
            #expect(created.uid != nil)

            var fetched = try await client.get(.configMaps, name: "cfg", namespace: ns)
            #expect(fetched["data"]?["a"] == "1")

            fetched["data"]?["b"] = "2"
            let updated = try await client.update(.configMaps, fetched)
            #expect(updated["data"]?["b"] == "2")

            // A stale resourceVersion is a conflict, not a silent overwrite.
            do {
                _ = try await client.update(.configMaps, fetched)
                Issue.record("stale update accepted")
            } catch let error as KubeError {
                #expect(error.isConflict)
            }

            let merged = try await client.patch(.configMaps, name: "cfg", namespace: ns, patch: ["data": ["a": .null, "c": "3"]])
            #expect(merged["data"] == ["b": "2", "c": "3"])

            let jsonPatched = try await client.patch(
                .configMaps, name: "cfg", namespace: ns,
                patch: [["op": "replace", "path": "/data/c", "value": "30"]], patchType: .json)
            #expect(jsonPatched["data"]?["c"] == "30")

            // Foreground deletion is visible as a finalizer (no garbage collector runs here to finish it).
            _ = try await client.create(.configMaps, configMap("fg"), namespace: ns)
            let deletedForeground = try await client.delete(.configMaps, name: "fg", namespace: ns, propagation: .foreground)
            let pending = try await client.get(.configMaps, name: "fg", namespace: ns)
            #expect(deletedForeground)
            #expect(pending.json.value(at: "metadata.finalizers") == ["foregroundDeletion"])
            #expect(pending.json.value(at: "metadata.deletionTimestamp") != nil)

            let deleted = try await client.delete(.configMaps, name: "cfg", namespace: ns, propagation: .background)
            let afterDelete = try await client.getIfPresent(.configMaps, name: "cfg", namespace: ns)
            let deletedAgain = try await client.delete(.configMaps, name: "cfg", namespace: ns, ignoreNotFound: true)
            #expect(deleted && afterDelete == nil && !deletedAgain)
            do {
                _ = try await client.get(.configMaps, name: "cfg", namespace: ns)
                Issue.record("deleted object still readable")
            } catch let error as KubeError {
                #expect(error.description.contains("cannot get configmaps \"cfg\" in namespace \"\(ns)\" as user \"envtest-admin\": 404 NotFound: configmaps \"cfg\" not found"))
            }
        }
    }

    @Test func createTwiceIsAlreadyExists() async throws {
        try await Envtest.withClient { client in
            let ns = try await Envtest.makeNamespace(client, prefix: "dup")
            _ = try await client.create(.configMaps, configMap("x"), namespace: ns)
            do {
                _ = try await client.create(.configMaps, configMap("x"), namespace: ns)
                Issue.record("duplicate create accepted")
            } catch let error as KubeError {
                #expect(error.isAlreadyExists)
                #expect(error.description.contains("409 AlreadyExists"))
            }
        }
    }

    @Test func labelSelectorsAndPaging() async throws {
        try await Envtest.withClient { client in
            let ns = try await Envtest.makeNamespace(client, prefix: "sel")
            for i in 0..<7 {
                _ = try await client.create(.configMaps, configMap("cm-\(i)", labels: ["app": i % 2 == 0 ? "even" : "odd", "n": "\(i)"]), namespace: ns)
            }
            let even = try await client.list(.configMaps, namespace: ns, options: .labels(["app": "even"]))
            #expect(Set(even.items.compactMap(\.name)) == ["cm-0", "cm-2", "cm-4", "cm-6"])
            let setBased = try await client.list(.configMaps, namespace: ns, options: ListOptions(labelSelector: "n in (1,2),app!=odd"))
            #expect(setBased.items.compactMap(\.name) == ["cm-2"])
            let byField = try await client.list(.configMaps, namespace: ns, options: ListOptions(fieldSelector: "metadata.name=cm-5"))
            #expect(byField.items.compactMap(\.name) == ["cm-5"])

            let firstPage = try await client.list(.configMaps, namespace: ns, options: ListOptions(labelSelector: "app", limit: 3))
            #expect(firstPage.items.count == 3)
            #expect(firstPage.continueToken != nil)
            let all = try await client.listAll(.configMaps, namespace: ns, options: ListOptions(labelSelector: "app"), pageSize: 2)
            #expect(all.compactMap(\.name).sorted() == (0..<7).map { "cm-\($0)" })
        }
    }

    @Test func watchSeesAddModifyDeleteInOrder() async throws {
        try await Envtest.withClient { client in
            let ns = try await Envtest.makeNamespace(client, prefix: "watch")
            let start = try await client.list(.configMaps, namespace: ns)
            let events = client.watch(.configMaps, namespace: ns, options: ListOptions(labelSelector: "watched=yes", resourceVersion: start.resourceVersion))
            async let seen: [String] = {
                var seen: [String] = []
                for try await event in events {
                    seen.append("\(event.type.rawValue) \(event.object.name ?? "") \(event.object["data"]?["v"]?.stringValue ?? "-")")
                    if event.type == .deleted { break }
                }
                return seen
            }()
            _ = try await client.create(.configMaps, configMap("ignored"), namespace: ns)
            _ = try await client.create(.configMaps, configMap("w", labels: ["watched": "yes"], data: ["v": "1"]), namespace: ns)
            _ = try await client.patch(.configMaps, name: "w", namespace: ns, patch: ["data": ["v": "2"]])
            try await client.delete(.configMaps, name: "w", namespace: ns)
            #expect(try await seen == ["ADDED w 1", "MODIFIED w 2", "DELETED w 2"])
        }
    }

    @Test func watchResumesAfterTheServerEndsIt() async throws {
        try await Envtest.withClient { client in
            let ns = try await Envtest.makeNamespace(client, prefix: "rewatch")
            let start = try await client.list(.configMaps, namespace: ns)
            // The server closes each watch after 1 s; the stream must reconnect from the last version.
            let events = client.watch(.configMaps, namespace: ns, options: ListOptions(resourceVersion: start.resourceVersion, timeoutSeconds: 1))
            async let names: [String] = {
                var names: [String] = []
                for try await event in events where event.type == .added {
                    names.append(event.object.name ?? "")
                    if names.count == 2 { break }
                }
                return names
            }()
            _ = try await client.create(.configMaps, configMap("before"), namespace: ns)
            try await Task.sleep(for: .seconds(2.5))
            _ = try await client.create(.configMaps, configMap("after"), namespace: ns)
            #expect(try await names == ["before", "after"])
        }
    }

    @Test func strategicMergeAndStatusSubresourceOnAStatefulSet() async throws {
        try await Envtest.withClient { client in
            let ns = try await Envtest.makeNamespace(client, prefix: "sts")
            let sts: JSONValue = [
                "apiVersion": "apps/v1", "kind": "StatefulSet",
                "metadata": ["name": "db", "labels": ["app": "demo"]],
                "spec": [
                    "replicas": 1, "serviceName": "db",
                    "selector": ["matchLabels": ["app": "demo"]],
                    "template": [
                        "metadata": ["labels": ["app": "demo"]],
                        "spec": ["containers": [["name": "main", "image": "postgres:15"]]],
                    ],
                ],
            ]
            _ = try await client.create(.statefulSets, KubeObject(sts), namespace: ns)
            // Strategic merge adds a container by name instead of replacing the list.
            let patched = try await client.patch(
                .statefulSets, name: "db", namespace: ns,
                patch: ["spec": ["template": ["spec": ["containers": [["name": "sidecar", "image": "busybox"]]]]]],
                patchType: .strategicMerge)
            let names = patched.json.value(at: "spec.template.spec.containers")?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(Set(names ?? []) == ["main", "sidecar"])

            let status = try await client.patchStatus(.statefulSets, name: "db", namespace: ns,
                                                       patch: ["status": ["replicas": 1, "readyReplicas": 1]])
            #expect(status.json.value(at: "status.readyReplicas") == 1)
            // The main resource ignores status, the status subresource ignores spec.
            let scaled = try await client.patch(.statefulSets, name: "db", namespace: ns,
                                                patch: ["spec": ["replicas": 0], "status": ["readyReplicas": 5]])
            #expect(scaled.json.value(at: "spec.replicas") == 0)
            #expect(scaled.json.value(at: "status.readyReplicas") == 1)
        }
    }

    @Test func allNamespacesListsAcrossNamespaces() async throws {
        try await Envtest.withClient { client in
            let a = try await Envtest.makeNamespace(client, prefix: "alla")
            let b = try await Envtest.makeNamespace(client, prefix: "allb")
            let label = "run-\(UUID().uuidString.prefix(6).lowercased())"
            _ = try await client.create(.configMaps, configMap("x", labels: ["run": label]), namespace: a)
            _ = try await client.create(.configMaps, configMap("x", labels: ["run": label]), namespace: b)
            let all = try await client.list(.configMaps, allNamespaces: true, options: .labels(["run": label]))
            #expect(Set(all.items.compactMap(\.namespace)) == [a, b])
        }
    }
}
