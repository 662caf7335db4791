import Foundation
import Testing
@testable import GoTemplate

/// The field checker against Kanister's template parameters (`pkg/param`'s
/// `TemplateParams`) over the published Kanister blueprints: valid blueprints must
/// produce no diagnostics.
@Suite struct KanisterCatalogCheckTests {
    static let workload: Shape = .map([
        "Name": .scalar, "Namespace": .scalar, "Pods": .list(.scalar), "Containers": .list(.list(.scalar)),
        "PersistentVolumeClaims": .dictionary(.dictionary(.scalar)),
    ])
    static let phase: Shape = .map(["Name": .scalar, "Secrets": .dictionary(.any), "Output": .any])
    static let params: Shape = .map([
        "ArtifactsIn": .dictionary(.map(["KeyValue": .dictionary(.scalar), "KopiaSnapshot": .scalar])),
        "ConfigMaps": .dictionary(.any),
        "Deployment": workload, "DeploymentConfig": workload, "StatefulSet": workload,
        "Namespace": .map(["Name": .scalar]),
        "Object": .any,
        "Options": .dictionary(.scalar),
        "PVC": .map(["Name": .scalar, "Namespace": .scalar]),
        "Phases": .dictionary(phase), "DeferPhase": phase,
        "PodOverride": .any, "PodAnnotations": .dictionary(.scalar), "PodLabels": .dictionary(.scalar),
        "Profile": .map([
            "Location": .map(["Type": .scalar, "Bucket": .scalar, "Endpoint": .scalar, "Prefix": .scalar, "Region": .scalar]),
            "Credential": .map([
                "Type": .scalar, "KeyPair": .map(["ID": .scalar, "Secret": .scalar]), "Secret": .any,
                "KopiaServerSecret": .any,
            ]),
            "SkipSSLVerify": .scalar,
        ]),
        "RepositoryServer": .any, "Secrets": .dictionary(.any), "Time": .scalar,
    ])

    static let catalog = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/kanister-blueprints").standardized

    /// The YAML without the values of `condition:` keys: Kanister's `Wait` evaluates
    /// those against the waited-for object (`$.status…`), not the template parameters.
    static func withoutWaitConditions(_ yaml: String) -> String {
        var kept: [Substring] = []
        var conditionIndent: Int?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix(while: { $0 == " " }).count
            let body = line.drop(while: { $0 == " " || $0 == "-" })
            if let c = conditionIndent {
                if body.isEmpty || indent > c { continue }
                conditionIndent = nil
            }
            if body.hasPrefix("condition:") {
                conditionIndent = indent
                continue
            }
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }

    /// Every `{{ … }}` action of a YAML file, YAML string escapes undone, as one template.
    static func actions(in yaml: String) -> String {
        var out = ""
        var rest = Substring(withoutWaitConditions(yaml))
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            out += String(rest[open.lowerBound..<close.upperBound]).replacingOccurrences(of: "\\\"", with: "\"") + "\n"
            rest = rest[close.upperBound...]
        }
        return out
    }

    /// A function map accepting every name the text calls (the checker does not need
    /// the functions themselves).
    static func stubs(for text: String) -> FunctionMap {
        var functions = FunctionMap()
        var lexer = Lexer(text)
        while true {
            let t = lexer.nextItem()
            if t.kind == .eof || t.kind == .error { break }
            if t.kind == .identifier {
                functions.add(TemplateFunction(t.value, [], variadic: .any) { _ in .null })
            }
        }
        return functions
    }

    @Test func publishedBlueprintsHaveNoUnresolvableFields() throws {
        let files = FileManager.default.enumerator(atPath: Self.catalog.path)?
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") } ?? []
        #expect(files.count > 20)
        var checked = 0
        for file in files {
            let yaml = try String(contentsOf: Self.catalog.appendingPathComponent(file), encoding: .utf8)
            let text = Self.actions(in: yaml)
            guard let template = try? Template(text: text, functions: Self.stubs(for: text)) else { continue }
            checked += 1
            let diagnostics = template.check(against: Self.params)
            #expect(diagnostics.isEmpty, "\(file): \(diagnostics)")
        }
        print("checked \(checked) of \(files.count) blueprint files")
        #expect(checked > files.count / 2)
    }

    @Test func typosInABlueprintAreFound() throws {
        let t = try Template(text: "{{ .StatefulSet.Nmae }} {{ .Profile.Location.Bucket }} {{ .Profle.Location }}",
                             functions: FunctionMap())
        #expect(t.check(against: Self.params).map(\.field) == ["Nmae", "Profle"])
    }
}
