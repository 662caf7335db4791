import ArgumentParser

/// `blueprint artifacts …`: inspect, verify and clean up stored run artifacts.
struct ArtifactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "artifacts",
        abstract: "List, verify and clean up the artifacts that runs stored.",
        subcommands: [
            ArtifactsList.self, ArtifactsShow.self, ArtifactsVerify.self, ArtifactsDelete.self, ArtifactsPrune.self,
            ArtifactsBenchPut.self, ArtifactsBenchGet.self,
        ]
    )
}
