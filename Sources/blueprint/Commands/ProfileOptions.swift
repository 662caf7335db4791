import ArgumentParser
import Foundation
import ObjectStore

/// Options that pick the object store: shared by every command that touches
/// artifacts.
struct ProfileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A profile file (YAML or JSON) naming the object store.", valueName: "file"))
    var profile: String?

    @Option(name: .customLong("profile-name"), help: ArgumentHelp("A named profile under <state-dir>/profiles/.", valueName: "name"))
    var profileName: String?

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("State directory (default: $BLUEPRINT_HOME or ~/.local/state/blueprint).", valueName: "dir"))
    var stateDir: String?

    func validate() throws {
        if profile != nil && profileName != nil {
            throw ValidationError("use either --profile or --profile-name, not both")
        }
    }

    var stateDirectory: URL { StateDirectory.resolve(override: stateDir) }

    func loadProfile(name: String? = nil) throws -> Profile {
        try ProfileLoader(stateDirectory: stateDirectory).resolve(file: profile, name: name ?? profileName)
    }

    /// Runs `body` with the artifact store of the selected profile and releases
    /// its connections afterwards, whatever happens.
    func withArtifacts<T>(_ body: (ArtifactStore) async throws -> T) async throws -> T {
        let profile = try loadProfile()
        let store = try profile.makeStore(stateDirectory: stateDirectory)
        do {
            let result = try await body(ArtifactStore(store: store, prefix: profile.artifactPrefix))
            try await store.shutdown()
            return result
        } catch {
            try? await store.shutdown()
            throw error
        }
    }
}

/// Human-readable sizes for listings.
enum ByteCount {
    static func format(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : "\(String(format: "%.1f", value)) \(units[unit])"
    }

    /// Parses `1GiB`, `200MiB`, `5MB`, `1024`.
    static func parse(_ text: String) -> Int64? {
        let units: [(String, Int64)] = [
            ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("TiB", 1 << 40),
            ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("B", 1),
        ]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            guard let count = Int64(text.dropLast(suffix.count)) else { return nil }
            let (bytes, overflow) = count.multipliedReportingOverflow(by: factor)
            return overflow ? nil : bytes
        }
        return Int64(text)
    }
}
