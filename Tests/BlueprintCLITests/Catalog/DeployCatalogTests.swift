import Foundation
import Testing

/// deploy/catalog/ is the catalog as Blueprint objects for a cluster, generated
/// from blueprints/ by scripts/update-deploy-catalog.sh: it must be what the
/// script makes now, and load as blueprints named after their files.
struct DeployCatalogTests {
    static let root = CLI.repositoryRoot.path
    static let deployed = CLI.repositoryRoot.appendingPathComponent("deploy/catalog").path

    @Test func deployCatalogIsWhatTheScriptGeneratesFromBlueprints() async throws {
        let cli = CLI()
        let fresh = cli.file("catalog")
        try await LocalTool.run(["\(Self.root)/scripts/update-deploy-catalog.sh", fresh])
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.deployed).sorted()
        let expected = try FileManager.default.contentsOfDirectory(atPath: fresh).sorted()
        #expect(files == expected, "deploy/catalog/ is stale: run scripts/update-deploy-catalog.sh")
        let sources = try FileManager.default.contentsOfDirectory(atPath: CatalogApp.catalog).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(expected == sources, "one object per blueprint file")
        for file in expected {
            #expect(FileManager.default.contents(atPath: "\(Self.deployed)/\(file)") == FileManager.default.contents(atPath: "\(fresh)/\(file)"),
                    "deploy/catalog/\(file) is stale: run scripts/update-deploy-catalog.sh")
        }
    }

    @Test func everyObjectLoadsAsABlueprintNamedAfterItsFile() async throws {
        let cli = CLI()
        let validate = try await cli.run(["validate", Self.deployed])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        let listing = try await cli.run(["catalog", "--blueprints", Self.deployed, "--output", "json"])
        #expect(listing.status == 0, "\(listing.stderr)")
        let entries = try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(!entries.isEmpty)
        for entry in entries {
            let name = try #require(entry["name"] as? String)
            let file = URL(fileURLWithPath: try #require(entry["file"] as? String)).lastPathComponent
            #expect(file == "\(name).yaml", "metadata.name \(name) in \(file)")
            let text = try String(contentsOfFile: "\(Self.deployed)/\(file)", encoding: .utf8)
            #expect(text.contains("\napiVersion: cr.kanister.io/v1alpha1\nkind: Blueprint\nmetadata:\n  name: \(name)\n"), "\(file)")
        }
        // The header comment is the catalog's own (the generated note is not part of it).
        let source = try await cli.run(["catalog", "--blueprints", CatalogApp.catalog, "--output", "json"])
        func withoutFiles(_ json: String) -> [NSDictionary] {
            ((try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]] ?? []).map {
                var entry = $0
                entry["file"] = nil
                return entry as NSDictionary
            }
        }
        #expect(withoutFiles(listing.stdout) == withoutFiles(source.stdout))
    }
}
