import Foundation

/// Paths the tests read: the repository root and `../shared` beside it.
enum TestPaths {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let kanisterBlueprints = shared.appendingPathComponent("kanister-blueprints")
    static let brokenFixtures = repositoryRoot.appendingPathComponent("Tests/BlueprintModelTests/Fixtures/broken")
    static let catalog = repositoryRoot.appendingPathComponent("blueprints")
}
