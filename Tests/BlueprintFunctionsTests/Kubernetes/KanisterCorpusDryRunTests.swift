import BlueprintEngine
import BlueprintFunctions
import BlueprintModel
import Foundation
import GoTemplate
import Logging
import Testing

/// Every action of every published Kanister blueprint renders every phase
/// against a fake target of the kind it is written for — what `--dry-run`
/// against a cluster does, minus the cluster.
///
/// The fake target fills exactly what the templates reference (`.Options.x`,
/// `.ArtifactsIn.a.KeyValue.k`, `.ConfigMaps.c.Data.k`, `.Secrets.s.Data.k`),
/// as the ActionSet, the Profile and the previous run would under Kanister.
/// Needs the real Go template engine: with the temporary stub it is skipped.
struct KanisterCorpusDryRunTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/kanister-blueprints")

    /// Files that cannot dry-run here, with the reason. Only Kanister's own
    /// validation rule is left: no published blueprint needs an output only K10
    /// produces once its target is of the right kind.
    static let exceptions: [String: String] = [
        "aws-rds/postgresql/rds-postgres-blueprint.yaml":
            "fails validation under Kanister's own rule (phase `restoreSnapshots` in two actions)",
        "elasticsearch-incremental/elasticsearch-incremental-blueprint.yaml":
            "fails validation under Kanister's own rule (phase `setupNodeKeyStore` in three actions)",
    ]

    static var realTemplateEngine: Bool {
        (try? Template(name: "probe", text: "{{ if true }}ok{{ end }}").render(.map([:]))) == "ok"
    }

    @Test(.enabled(if: realTemplateEngine, "needs the real Go template engine (GoTemplate stub still in place)"))
    func everyPublishedBlueprintDryRunsAgainstAFakeTargetOfItsKind() throws {
        let files = (FileManager.default.enumerator(atPath: Self.corpus.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 45, "corpus not found at \(Self.corpus.path)")
        var failures: [String: String] = [:]
        for relative in files {
            let path = Self.corpus.appendingPathComponent(relative).path
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let (blueprints, diagnostics) = BlueprintLoader.load(file: path)
            guard !diagnostics.hasErrors, let blueprint = blueprints.first else {
                failures[relative] = "does not load"
                continue
            }
            let executor = Executor(registry: BuiltinFunctions.registry,
                                    configuration: ExecutorConfiguration(artifacts: DirectoryArtifactSink(directory: URL(fileURLWithPath: "/nonexistent")),
                                                                         logger: Logger(label: "corpus")))
            let target = FakeTarget.for(text)
            for action in blueprint.actions {
                let from = FakeTarget.previousRun(text)
                do {
                    // prepare renders every template that does not wait for a phase's output.
                    _ = try executor.prepare(blueprintFile: path, action: action.name, target: target, from: from)
                } catch {
                    failures[relative, default: ""] += "\(action.name): \(error) "
                }
            }
        }
        for (file, failure) in failures.sorted(by: { $0.key < $1.key }) where Self.exceptions[file] == nil {
            Issue.record("\(file): \(failure)")
        }
        for file in Self.exceptions.keys where failures[file] == nil {
            Issue.record("\(file) is listed as an exception but dry-runs fine: remove it from the list")
        }
    }
}

/// A target shaped by what a blueprint's templates reference.
enum FakeTarget {
    static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).map { match in
            (1..<match.numberOfRanges).compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }
        }
    }

    /// `.X.name.Data.key` and `index .X.name.Data "key"`, as name → keys.
    static func dataReferences(_ root: String, in text: String) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for groups in matches(#"\.\#(root)\.([A-Za-z0-9_]+)\.Data\.([A-Za-z0-9_]+)"#, in: text) + matches(#"index\s+\.\#(root)\.([A-Za-z0-9_]+)\.Data\s+"([^"]+)""#, in: text) {
            result[groups[0], default: []].insert(groups[1])
        }
        for groups in matches(#"\.\#(root)\.([A-Za-z0-9_]+)\b"#, in: text) where result[groups[0]] == nil { result[groups[0]] = [] }
        return result
    }

    static func `for`(_ text: String) -> LocalTarget {
        // What the templates read of `.Object` beyond its metadata decides its kind:
        // a ConfigMap's data, a Secret's (base64, piped to b64dec), a workload's pod
        // template, or the spec of a custom resource.
        let dataKeys = Set(matches(#"\.Object\.data\.([A-Za-z0-9_]+)"#, in: text).map { $0[0] }
            + matches(#"index\s+\.Object\.data\s+"([^"]+)""#, in: text).map { $0[0] })
        let specFields = Set(matches(#"\.Object\.spec\.([A-Za-z0-9_]+)"#, in: text).map { $0[0] }).subtracting(["template", "replicas"])
        let kind = text.contains(".DeploymentConfig.") ? "DeploymentConfig"
            : text.contains(".Deployment.") ? "Deployment"
            : text.contains(".StatefulSet.") ? "StatefulSet"
            : text.contains(".PVC.") ? "PersistentVolumeClaim"
            : !dataKeys.isEmpty ? (text.contains("b64dec") ? "Secret" : "ConfigMap")
            : text.contains(".Object.spec.template") ? "Deployment"
            : !specFields.isEmpty ? "CustomResource"
            : text.contains(".Object.") ? "ConfigMap" : "Namespace"
        let apiVersion = ["Namespace", "PersistentVolumeClaim", "ConfigMap", "Secret"].contains(kind) ? "v1"
            : kind == "CustomResource" ? "example.com/v1" : "apps/v1"
        var spec: [String: ArgumentValue] = ["replicas": .int(1)]
        for field in specFields { spec[field] = "x" }
        spec["template"] = .map(["spec": .map(["volumes": .list([.map([
            "name": "data", "persistentVolumeClaim": .map(["claimName": "data-app-0"]),
        ])])])])
        var document: [String: ArgumentValue] = [
            "apiVersion": .string(apiVersion),
            "kind": .string(kind),
            "metadata": .map(["name": "app", "namespace": "app-ns", "labels": .map(["app": "app"])]),
            "spec": .map(spec),
            "pods": .list(["app-0"]),
            "containers": .list([.list(["app"])]),
            "persistentVolumeClaims": .map(["app-0": .map(["data-app-0": "/data"])]),
            "profile": .map([
                "Location": .map(["Type": "s3Compliant", "Bucket": "bucket", "Endpoint": "http://127.0.0.1:9000",
                                  "Prefix": "prefix", "Region": "us-east-1"]),
                "Credential": .map(["Type": "keyPair", "KeyPair": .map(["ID": "id", "Secret": "secret"]),
                                    "Secret": .map(["Name": "cred", "Namespace": "kanister", "Type": "Opaque",
                                                    "Data": .map(["aws_access_key_id": "id", "aws_secret_access_key": "secret"])])]),
                "SkipSSLVerify": .bool(false),
            ]),
        ]
        if kind == "Namespace" { document["metadata"] = .map(["name": "app-ns"]) }
        if kind == "ConfigMap" || kind == "Secret" {
            document["spec"] = nil
            let value: ArgumentValue = kind == "Secret" ? "eA==" : "x"  // base64 of "x"
            document["data"] = .map(Dictionary(uniqueKeysWithValues: dataKeys.map { ($0, value) }))
        }
        let options = Set(matches(#"\.Options\.([A-Za-z0-9_]+)"#, in: text).map { $0[0] })
        document["options"] = .map(Dictionary(uniqueKeysWithValues: options.map { ($0, ArgumentValue.string("x")) }))
        document["configMaps"] = .map(dataReferences("ConfigMaps", in: text).mapValues { keys in
            .map(Dictionary(uniqueKeysWithValues: keys.map { ($0, ArgumentValue.string("x")) })) })
        document["secrets"] = .map(dataReferences("Secrets", in: text).mapValues { keys in
            .map(Dictionary(uniqueKeysWithValues: keys.map { ($0, ArgumentValue.string("x")) })) })
        var target = LocalTarget(document: document)
        for option in options { target.options[option] = "x" }
        return target
    }

    /// A succeeded run whose artifacts carry the keys `.ArtifactsIn` references,
    /// each "1": prepare reads typed arguments rendered from them (a replica count).
    static func previousRun(_ text: String) -> RunRecord? {
        var artifacts: [String: Set<String>] = [:]
        for groups in matches(#"\.ArtifactsIn\.([A-Za-z0-9_]+)\.KeyValue\.([A-Za-z0-9_]+)"#, in: text)
            + matches(#"index\s+\.ArtifactsIn\.([A-Za-z0-9_]+)\.KeyValue\s+"([^"]+)""#, in: text) {
            artifacts[groups[0], default: []].insert(groups[1])
        }
        for groups in matches(#"\.ArtifactsIn\.([A-Za-z0-9_]+)\b"#, in: text) where artifacts[groups[0]] == nil {
            artifacts[groups[0]] = []
        }
        guard !artifacts.isEmpty else { return nil }
        var record = RunRecord(id: "previous", blueprint: "b", blueprintFile: "f", action: "backup", target: "t", options: [:],
                               from: nil, pid: 0, startedAt: Date(), phases: [])
        record.state = .succeeded
        record.artifacts = artifacts.mapValues { keys in
            ArtifactRecord(keyValue: Dictionary(uniqueKeysWithValues: keys.map { ($0, "1") }), kopiaSnapshot: "snapshot-id")
        }
        return record
    }
}
