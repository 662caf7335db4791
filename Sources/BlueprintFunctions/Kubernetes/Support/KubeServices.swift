import BlueprintEngine
import Foundation
import KubeClient

/// What the Kubernetes functions need from the program: a client, and the target.
///
/// The CLI builds one per invocation and puts it in ``FunctionServices``; the
/// engine never sees the Kubernetes types.
public struct KubeServices: Sendable {
    public var client: KubernetesClient
    /// `spec.nodeName` for the temporary pods of KubeTask / MultiContainerRun, for
    /// clusters without a scheduler (the test API server); nil lets the scheduler choose.
    public var taskNodeName: String?
    /// The workload the action runs against (`--app`), for arguments that
    /// default to "the ActionSet object" in Kanister (ScaleWorkload's kind, name, namespace).
    public var target: TargetReference?

    public struct TargetReference: Sendable, Hashable {
        public var kind: String
        public var name: String
        public var namespace: String

        public init(kind: String, name: String, namespace: String) {
            self.kind = kind
            self.name = name
            self.namespace = namespace
        }
    }

    public init(client: KubernetesClient, target: TargetReference? = nil,
                taskNodeName: String? = ProcessInfo.processInfo.environment["BLUEPRINT_KUBETASK_NODE"]) {
        self.client = client
        self.target = target
        self.taskNodeName = taskNodeName.flatMap { $0.isEmpty ? nil : $0 }
    }
}

extension FunctionContext {
    /// The Kubernetes services, or a clear error naming the function that needed them.
    func kube(for function: String) throws(KubeFunctionError) -> KubeServices {
        guard let services = services[KubeServices.self] else { throw .noCluster(function: function) }
        return services
    }
}
