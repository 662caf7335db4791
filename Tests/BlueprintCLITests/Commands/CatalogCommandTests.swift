import Foundation
import Testing

/// `blueprint catalog [NAME]`: the catalog as its files say, actions and options
/// taken from the YAML.
struct CatalogCommandTests {
    static let catalog = CLI.repositoryRoot.appendingPathComponent("blueprints").path

    @Test func listsEveryBlueprintWithItsActionsAndOptions() async throws {
        let result = try await CLI().run(["catalog", "--blueprints", Self.catalog])
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["mongodb", "mysql", "notify-webhook", "postgresql", "redis"] {
            #expect(result.stdout.contains("\n\(name) — ") || result.stdout.hasPrefix("\(name) — "), "\(name) missing:\n\(result.stdout)")
        }
        #expect(result.stdout.contains("actions: backup, restore, snapshot, deleteSnapshot"))
        #expect(result.stdout.contains("passwordSecret"))
    }

    @Test func showsOneInFullAndAsJSON() async throws {
        let cli = CLI()
        let full = try await cli.run(["catalog", "postgresql", "--blueprints", Self.catalog])
        #expect(full.status == 0)
        #expect(full.stdout.contains("blueprint.dev/credentials-secret"), "the header comment is shown whole")
        #expect(full.stdout.contains("options read by its templates: "))
        let json = try await cli.run(["catalog", "mysql", "--blueprints", Self.catalog, "-o", "json"])
        let entry = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(entry["name"] as? String == "mysql")
        #expect(entry["actions"] as? [String] == ["backup", "restore", "snapshot", "deleteSnapshot"])
        #expect((entry["options"] as? [String] ?? []).contains("host"))
    }

    @Test func aDirectoryOfOtherBlueprintsAndAnUnknownName() async throws {
        let cli = CLI()
        try FileManager.default.createDirectory(atPath: cli.file("bps"), withIntermediateDirectories: true)
        cli.write("bps/mine.yaml", """
            # Mine: says hello.
            apiVersion: cr.kanister.io/v1alpha1
            kind: Blueprint
            metadata: {name: mine}
            actions:
              hello:
                phases:
                - {func: Exec, name: hi, args: {command: [echo, '{{ .Options.greeting }} {{ index .Options "who" }}']}}
            """)
        let list = try await cli.run(["catalog", "--blueprints", cli.file("bps")])
        #expect(list.stdout == "mine — Mine: says hello.\n  actions: hello\n  options: greeting, who\n", "\(list.stdout)")
        let unknown = try await cli.run(["catalog", "Mine", "--blueprints", cli.file("bps")])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean `mine`?"), "\(unknown.stderr)")
        let missing = try await cli.run(["catalog", "--blueprints", cli.file("nowhere")])
        #expect(missing.status == 2, "\(missing.stdout)")
    }
}
