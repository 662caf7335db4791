@testable import Applications
import KubeClient
import Testing

/// Objects moved to another namespace: their own namespace, and where they name
/// the old one — RoleBinding subjects, a claim's `dataSourceRef` — but not where
/// they name a third namespace.
struct RetargetTests {
    @Test func roleBindingSubjectsInTheOldNamespaceFollowTheApp() throws {
        let binding = try JSONValue(parsing: #"""
            {"kind":"RoleBinding","metadata":{"name":"r"},"roleRef":{"kind":"Role","name":"reader"},
             "subjects":[{"kind":"ServiceAccount","name":"app","namespace":"shop"},
                         {"kind":"ServiceAccount","name":"monitor","namespace":"monitoring"},
                         {"kind":"User","name":"alice"}]}
            """#)
        let moved = try WholeAppRestore.retarget(binding, from: "shop", to: "shop2")
        #expect(moved.value(at: "metadata.namespace")?.stringValue == "shop2")
        let namespaces = moved["subjects"]?.arrayValue?.map { $0["namespace"]?.stringValue ?? "-" }
        #expect(namespaces == ["shop2", "monitoring", "-"])
    }

    @Test func aClaimsDataSourceRefInTheOldNamespaceFollowsTheApp() throws {
        let claim = try JSONValue(parsing: #"""
            {"kind":"PersistentVolumeClaim","metadata":{"name":"data"},
             "spec":{"dataSourceRef":{"kind":"VolumeSnapshot","name":"snap","namespace":"shop"},"resources":{}}}
            """#)
        let moved = try WholeAppRestore.retarget(claim, from: "shop", to: "shop2")
        #expect(moved.value(at: "spec.dataSourceRef.namespace")?.stringValue == "shop2")
        #expect(moved.value(at: "spec.dataSourceRef.name")?.stringValue == "snap")
    }

    @Test func thePlanTextNamesEveryStageInOrder() {
        let plan = RestorePlan(app: "shop", backup: "b1", sourceNamespace: "shop", targetNamespace: "shop2", steps: [
            .init(stage: 1, action: .createNamespace, kind: "Namespace", name: "shop2"),
            .init(stage: 2, action: .create, kind: "Secret", name: "pg"),
            .init(stage: 3, action: .create, kind: "PersistentVolumeClaim", name: "data"),
            .init(stage: 4, action: .create, kind: "StatefulSet", name: "pg", detail: "0 replicas until its volumes are restored"),
            .init(stage: 5, action: .restoreData, kind: "StatefulSet", name: "pg"),
            .init(stage: 6, action: .scale, kind: "StatefulSet", name: "pg", detail: "1 replica"),
        ], objects: [:], scaledDown: ["StatefulSet/pg": 1], warnings: ["w"])
        #expect(plan.text() == """
            restore of application shop from b1: namespace shop → shop2
            1. namespace
               createNamespace Namespace shop2
            2. identities, RBAC and configuration
               create Secret pg
            3. volumes
               create PersistentVolumeClaim data
            4. workloads
               create StatefulSet pg (0 replicas until its volumes are restored)
            5. data
               restoreData StatefulSet pg
            6. scale up
               scale StatefulSet pg (1 replica)
            warning: w
            """)
    }
}
