import Testing
@testable import KubeClient

/// Paths as the Kubernetes API defines them (see the API reference's HTTP requests).
@Suite struct APIPathTests {
    @Test func coreNamespacedObject() {
        #expect(APIPath.path(.pods, namespace: "ns", name: "db-0") == "/api/v1/namespaces/ns/pods/db-0")
        #expect(APIPath.path(.pods, namespace: "ns", name: "db-0", subresource: "exec") == "/api/v1/namespaces/ns/pods/db-0/exec")
    }

    @Test func groupedAndClusterScoped() {
        #expect(APIPath.path(.statefulSets, namespace: "ns") == "/apis/apps/v1/namespaces/ns/statefulsets")
        #expect(APIPath.path(.statefulSets, namespace: nil) == "/apis/apps/v1/statefulsets")
        #expect(APIPath.path(.nodes, namespace: "ignored", name: "n1") == "/api/v1/nodes/n1")
        #expect(APIPath.path(.volumeSnapshotContents, namespace: nil, name: "c") == "/apis/snapshot.storage.k8s.io/v1/volumesnapshotcontents/c")
        #expect(APIPath.path(.blueprints, namespace: "kanister", name: "pg") == "/apis/cr.kanister.io/v1alpha1/namespaces/kanister/blueprints/pg")
        #expect(APIPath.path(.jobs, namespace: "x") == "/apis/batch/v1/namespaces/x/jobs")
        #expect(APIPath.path(.deploymentConfigs, namespace: "x") == "/apis/apps.openshift.io/v1/namespaces/x/deploymentconfigs")
    }

    @Test func selectorsAndArgumentsArePercentEncoded() {
        let options = ListOptions(labelSelector: "app in (a,b),!canary", fieldSelector: "metadata.name=x", limit: 10, continueToken: "a+b/c=")
        #expect(APIPath.query(options.queryItems)
            == "labelSelector=app%20in%20%28a%2Cb%29%2C%21canary&fieldSelector=metadata.name%3Dx&limit=10&continue=a%2Bb%2Fc%3D")
        #expect(APIPath.query([("command", "sh"), ("command", "-c"), ("command", "echo $HOME && ls /")])
            == "command=sh&command=-c&command=echo%20%24HOME%20%26%26%20ls%20%2F")
    }

    @Test func labelMapsBecomeSortedSelectors() {
        #expect(ListOptions.labels(["b": "2", "a": "1"]).labelSelector == "a=1,b=2")
    }

    @Test func resourceNamesAsKubectlPrintsThem() {
        #expect(ResourceType.configMaps.description == "configmaps")
        #expect(ResourceType.statefulSets.description == "statefulsets.apps")
        #expect(ResourceType.volumeSnapshots.apiVersion == "snapshot.storage.k8s.io/v1")
        #expect(ResourceType.pods.apiVersion == "v1")
    }

    @Test func patchContentTypes() {
        #expect(PatchType.merge.contentType == "application/merge-patch+json")
        #expect(PatchType.strategicMerge.contentType == "application/strategic-merge-patch+json")
        #expect(PatchType.json.contentType == "application/json-patch+json")
    }
}
