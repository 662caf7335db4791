import Foundation

/// The folder where blueprint keeps its state (profiles, default artifacts, run
/// journal). One rule for the CLI and the engine: an explicit `--state-dir`, else
/// `$BLUEPRINT_HOME`, else `~/.local/state/blueprint`.
public enum StateDirectory {
    public static let environmentVariable = "BLUEPRINT_HOME"

    public static func resolve(
        override: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL {
        if let override, !override.isEmpty { return URL(fileURLWithPath: expandTilde(override, environment)) }
        if let home = environment[environmentVariable], !home.isEmpty {
            return URL(fileURLWithPath: expandTilde(home, environment))
        }
        let userHome = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.path
        return URL(fileURLWithPath: userHome).appendingPathComponent(".local/state/blueprint")
    }

    /// Named profiles live here as `NAME.yaml`.
    public static func profilesFolder(_ stateDirectory: URL) -> URL {
        stateDirectory.appendingPathComponent("profiles", isDirectory: true)
    }

    static func expandTilde(_ path: String, _ environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + path.dropFirst()
    }
}
