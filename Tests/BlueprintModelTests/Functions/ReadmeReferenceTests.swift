import BlueprintFunctions
import BlueprintModel
import Foundation
import Testing

/// The README's function reference is generated from the declarations; this
/// fails when a declaration changed and `scripts/update-readme-functions.sh`
/// was not run.
@Suite struct ReadmeReferenceTests {
    @Test func readmeReferenceMatchesDeclarations() throws {
        let readme = try String(contentsOf: TestPaths.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- functions:begin -->\n"))
        let end = try #require(readme.range(of: "<!-- functions:end -->"))
        let section = String(readme[begin.upperBound..<end.lowerBound])
        let expected = FunctionReference.markdown(BuiltinFunctions.registry.declarations)
        #expect(section == expected, "README.md's function reference is stale: run scripts/update-readme-functions.sh")
    }

    /// The catalog reference is generated from blueprints/ by the same script.
    @Test func readmeCatalogMatchesTheBlueprints() throws {
        let readme = try String(contentsOf: TestPaths.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- catalog:begin -->\n"))
        let end = try #require(readme.range(of: "<!-- catalog:end -->"))
        let (entries, diagnostics) = BlueprintCatalog.load(directory: TestPaths.catalog.path)
        #expect(!diagnostics.hasErrors)
        #expect(String(readme[begin.upperBound..<end.lowerBound]) == BlueprintCatalog.markdown(entries),
                "README.md's catalog reference is stale: run scripts/update-readme-functions.sh")
    }

    @Test func everyKanisterFunctionTheIssueNamesIsDeclared() {
        let names = Set(BuiltinFunctions.registry.declarations.map(\.name))
        let required = [
            "KubeExec", "KubeExecAll", "KubeTask", "MultiContainerRun", "ScaleWorkload", "PrepareData", "BackupData",
            "BackupDataAll", "RestoreData", "RestoreDataAll", "CopyVolumeData", "DeleteData", "DeleteDataAll",
            "BackupDataStats", "CheckRepository", "LocationDelete", "CreateCSISnapshot", "CreateCSISnapshotStatic",
            "RestoreCSISnapshot", "DeleteCSISnapshot", "DeleteCSISnapshotContent", "KubeOps", "Wait", "WaitV2",
            "CreateRDSSnapshot", "ExportRDSSnapshotToLocation", "RestoreRDSSnapshot", "DeleteRDSSnapshot",
            "Exec", "FsyncLock", "FsyncUnlock", "PgDump", "PgRestore", "Webhook",
        ]
        #expect(Set(required).subtracting(names).isEmpty, "missing: \(Set(required).subtracting(names).sorted())")
    }
}
