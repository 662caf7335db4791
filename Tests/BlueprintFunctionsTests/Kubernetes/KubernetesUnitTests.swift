import Foundation
import KubeClient
import Testing
@testable import BlueprintFunctions

/// Pure parts of the Kubernetes functions: no cluster needed.
struct KubernetesUnitTests {
    @Test func waitSubstitutesKanisterJSONPathPlaceholders() {
        let object: JSONValue = ["status": ["phase": "Running", "conditions": [["type": "Ready", "status": "True"]], "replicas": 3]]
        #expect(WaitConditions.substituteJSONPath("{$.status.phase}/{$.status.conditions[0].status}/{$.status.replicas}", in: object)
                == "Running/True/3")
        #expect(WaitConditions.substituteJSONPath("x{$.status.missing}y", in: object) == "xy")
    }

    @Test func conditionMustPrintTrueOrFalse() throws {
        let object: JSONValue = ["status": ["ready": "yes"]]
        #expect(throws: KubeFunctionError.self) {
            try WaitConditions.evaluate("{{ .status.ready }}", on: object, function: "WaitV2", jsonPath: false)
        }
        #expect(try WaitConditions.evaluate("{{ .status.ok }}", on: ["status": ["ok": true]], function: "WaitV2", jsonPath: false))
    }

    @Test func podOverrideMergesOverTheSpecAndContainersByName() {
        let pod = TaskPod(function: "KubeTask", namespace: "ns",
                          containers: [["name": "container", "image": "busybox", "command": TaskPod.idleCommand]],
                          podOverride: ["nodeName": "chosen", "containers": [["name": "container", "env": [["name": "A", "value": "1"]]]],
                                        "tolerations": [["operator": "Exists"]]],
                          labels: ["team": "db"])
        let manifest = pod.manifest(nodeName: "from-env")
        #expect(manifest.value(at: "spec.nodeName")?.stringValue == "chosen")
        #expect(manifest["spec"]?["containers"]?[0]?["image"]?.stringValue == "busybox")
        #expect(manifest["spec"]?["containers"]?[0]?["env"]?[0]?["name"]?.stringValue == "A")
        #expect(manifest["spec"]?["tolerations"]?.arrayValue?.count == 1)
        #expect(manifest.value(at: "metadata.labels")?["team"]?.stringValue == "db")
        #expect(TaskPod(function: "KubeTask", namespace: "ns", containers: []).manifest(nodeName: nil).value(at: "spec.nodeName") == nil)
    }

    @Test func claimsMapPodVolumesToMountPaths() {
        let pod = KubeObject(["spec": [
            "volumes": [["name": "data", "persistentVolumeClaim": ["claimName": "data-db-0"]], ["name": "tmp", "emptyDir": [:]]],
            "containers": [["name": "db", "volumeMounts": [["name": "data", "mountPath": "/var/lib/postgresql"],
                                                          ["name": "tmp", "mountPath": "/tmp"]]]],
        ]])
        #expect(AppDiscovery.claims(of: pod) == ["data-db-0": "/var/lib/postgresql"])
    }

    @Test func objectReferenceSplitsAGroupedAPIVersion() throws {
        let type = try ObjectReference.resourceType(["apiVersion": "apps/v1", "resource": "statefulsets", "namespace": "ns"], function: "Wait")
        #expect(type.group == "apps" && type.version == "v1" && type.plural == "statefulsets" && type.namespaced)
        let core = try ObjectReference.resourceType(["apiVersion": "v1", "resource": "nodes"], function: "Wait")
        #expect(core.group == "" && !core.namespaced)
    }
}
