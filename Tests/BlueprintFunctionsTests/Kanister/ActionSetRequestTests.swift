import Foundation
import KubeClient
import Testing
@testable import BlueprintFunctions

/// kanctl's rules for new and child ActionSets (pkg/kanctl/actionset.go).
@Suite struct ActionSetRequestTests {
    typealias Ref = ActionSet.ObjectReference

    static func parent(state: ActionSet.State) -> ActionSet {
        let object = Ref(kind: "deployment", name: "web", namespace: "shop")
        return ActionSet(
            metadata: .init(name: "backup-abcde", namespace: "shop"),
            spec: .init(actions: [ActionSet.Action(
                name: "backup", object: object, blueprint: "bp", configMaps: ["cfg": Ref(name: "c", namespace: "shop")],
                secrets: ["db": Ref(name: "s", namespace: "shop")], profile: Ref(name: "s3", namespace: "kanister"),
                options: ["a": "1", "b": "2"])]),
            status: .init(state: state, actions: [ActionSet.ActionStatus(
                name: "backup", object: object, blueprint: "bp",
                artifacts: ["dump": .init(keyValue: ["path": "s3://b/dump.gz"])])]))
    }

    @Test func aNewActionSetHasOneActionPerObjectAndKanctlsName() throws {
        var request = ActionSetRequest(namespace: "shop")
        request.action = "backup"
        request.blueprint = "bp"
        request.objects = [Ref(kind: "deployment", name: "web", namespace: "shop"), Ref(kind: "pvc", name: "data", namespace: "shop")]
        request.options = ["k": "v"]
        let set = try request.newActionSet(random: { "x2b4z" })
        #expect(set.metadata.name == "backup-x2b4z")
        #expect(set.metadata.namespace == "shop")
        #expect(set.spec?.actions?.map(\.object) == request.objects)
        #expect(set.spec?.actions?.allSatisfy { $0.name == "backup" && $0.blueprint == "bp" && $0.options == ["k": "v"] } == true)
        #expect(set.status == nil)
    }

    @Test func aNewActionSetNeedsActionBlueprintAndObjects() {
        var request = ActionSetRequest(namespace: "ns")
        #expect(throws: ActionSetRequestError.missingAction) { try request.newActionSet() }
        request.action = "backup"
        #expect(throws: ActionSetRequestError.missingBlueprint) { try request.newActionSet() }
        request.blueprint = "bp"
        #expect(throws: ActionSetRequestError.noObjects) { try request.newActionSet() }
    }

    @Test func aChildInheritsFromACompleteParentAndTakesItsRenderedArtifacts() throws {
        var request = ActionSetRequest(namespace: "shop")
        request.action = "restore"
        request.parent = "backup-abcde"
        request.options = ["b": "override", "c": "3"]
        let child = try request.childActionSet(of: Self.parent(state: .complete), random: { "qqqqq" })
        #expect(child.metadata.name == "restore-backup-abcde-qqqqq")
        let action = try #require(child.spec?.actions?.first)
        #expect(action.name == "restore")
        #expect(action.blueprint == "bp")
        #expect(action.object == Ref(kind: "deployment", name: "web", namespace: "shop"))
        #expect(action.artifacts == ["dump": .init(keyValue: ["path": "s3://b/dump.gz"])])
        #expect(action.secrets == ["db": Ref(name: "s", namespace: "shop")])
        #expect(action.configMaps == ["cfg": Ref(name: "c", namespace: "shop")])
        #expect(action.profile == Ref(name: "s3", namespace: "kanister"))
        #expect(action.options == ["a": "1", "b": "override", "c": "3"])
    }

    @Test func aChildWithObjectsRepeatsEachParentActionPerObject() throws {
        var request = ActionSetRequest(namespace: "shop")
        request.parent = "backup-abcde"
        request.blueprint = "other-bp"
        request.objects = [Ref(kind: "deployment", name: "a", namespace: "x"), Ref(kind: "deployment", name: "b", namespace: "x")]
        let child = try request.childActionSet(of: Self.parent(state: .complete), random: { "zzzzz" })
        #expect(child.metadata.name == "backup-abcde-zzzzz", "without --action kanctl names it after the parent")
        #expect(child.spec?.actions?.map(\.object) == request.objects)
        #expect(child.spec?.actions?.allSatisfy { $0.name == "backup" && $0.blueprint == "other-bp" } == true)
    }

    @Test func aParentThatIsNotCompleteIsRefused() {
        let request = ActionSetRequest(namespace: "shop")
        for state in [ActionSet.State.pending, .running, .failed] {
            #expect(throws: ActionSetRequestError.parentNotComplete(name: "backup-abcde", state: state.rawValue)) {
                try request.childActionSet(of: Self.parent(state: state))
            }
        }
    }

    @Test func flagValuesParseAsKanctlWritesThem() throws {
        typealias R = ActionSetRequest
        #expect(R.items(["a/b,c/d", " e/f "]) == ["a/b", "c/d", "e/f"])
        #expect(try R.target("ns/web", kind: .statefulset) == Ref(kind: "statefulset", name: "web", namespace: "ns"))
        #expect(try R.target("prod", kind: .namespace) == Ref(kind: "namespace", name: "prod", namespace: "prod"))
        #expect(try R.genericObject("apps/v1/deployments/ns/web")
            == Ref(apiVersion: "v1", group: "apps", resource: "deployments", name: "web", namespace: "ns"))
        #expect(try R.genericObject("v1/configmaps/ns/cm") == Ref(apiVersion: "v1", resource: "configmaps", name: "cm", namespace: "ns"))
        #expect(try R.reference("db=ns/secret", flag: "--secrets").1 == Ref(name: "secret", namespace: "ns"))
        let (key, value) = try R.keyValue("token=a=b", flag: "--options")
        #expect(key == "token" && value == "a=b")
        #expect(try R.profileReference("s3", namespace: "here") == Ref(name: "s3", namespace: "here"))
        #expect(try R.profileReference("kanister/s3", namespace: "here") == Ref(name: "s3", namespace: "kanister"))
        #expect(throws: ActionSetRequestError.self) { try R.target("ns/web/x", kind: .deployment) }
        #expect(throws: ActionSetRequestError.self) { try R.profileReference("a/b/c", namespace: "x") }
    }

    @Test func anActionSetEncodesWithoutEmptyFieldsAndDecodesKanistersEmptyStrings() throws {
        let set = try ActionSetRequest.newActionSetForEncoding()
        let json = try set.json
        #expect(json["spec"]?["actions"]?[0]?["object"] == ["kind": "deployment", "name": "web", "namespace": "shop"])
        #expect(json["status"] == nil)
        let kanctl: JSONValue = ["apiVersion": "", "group": "", "resource": "", "kind": "deployment", "name": "web", "namespace": "shop"]
        let decoded = try JSONDecoder().decode(Ref.self, from: kanctl.jsonData())
        #expect(decoded == Ref(kind: "deployment", name: "web", namespace: "shop"))
    }
}

extension ActionSetRequest {
    static func newActionSetForEncoding() throws -> ActionSet {
        var request = ActionSetRequest(namespace: "shop")
        request.action = "backup"
        request.blueprint = "bp"
        request.objects = [ActionSet.ObjectReference(kind: "deployment", name: "web", namespace: "shop")]
        return try request.newActionSet()
    }
}
