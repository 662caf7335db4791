import Foundation
import Yams

/// Reads profiles from files: `--profile FILE`, a named profile under the state
/// directory, or the built-in filesystem default.
public struct ProfileLoader: Sendable {
    public var stateDirectory: URL

    public init(stateDirectory: URL) {
        self.stateDirectory = stateDirectory
    }

    /// A profile file; `.json` is read as JSON, anything else as YAML.
    public func load(file path: String) throws -> Profile {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ProfileError.cannotRead(path: path, reason: (error as NSError).localizedDescription)
        }
        var profile: Profile
        do {
            if url.pathExtension.lowercased() == "json" {
                profile = try JSONDecoder().decode(Profile.self, from: data)
            } else {
                profile = try YAMLDecoder().decode(Profile.self, from: data)
            }
        } catch {
            throw ProfileError.invalid(path: path, reason: Self.describe(error))
        }
        // Relative paths in a profile are relative to the profile file, not to
        // wherever the command happens to run.
        let base = url.deletingLastPathComponent()
        if let file = profile.credential?.keyPair?.file, !file.hasPrefix("/") {
            profile.credential?.keyPair?.file = base.appendingPathComponent(file).path
        }
        if profile.location.type == .filesystem, let root = profile.location.path, !root.hasPrefix("/") {
            profile.location.path = base.appendingPathComponent(root).path
        }
        return profile
    }

    /// `<stateDir>/profiles/NAME.yaml` (or `.yml`, `.json`).
    public func load(named name: String) throws -> Profile {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }),
              name != ".", name != ".."
        else { throw ProfileError.invalidName(name) }
        let folder = StateDirectory.profilesFolder(stateDirectory)
        for ext in ["yaml", "yml", "json"] {
            let candidate = folder.appendingPathComponent("\(name).\(ext)")
            if FileManager.default.fileExists(atPath: candidate.path) { return try load(file: candidate.path) }
        }
        throw ProfileError.notFound(name: name, path: folder.appendingPathComponent("\(name).yaml").path)
    }

    /// The profile a command uses: a file if given, else a named profile, else the default.
    public func resolve(file: String?, name: String?) throws -> Profile {
        if let file { return try load(file: file) }
        if let name { return try load(named: name) }
        return Profile.defaultProfile(stateDirectory: stateDirectory)
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, context):
            return "missing field \(path(context.codingPath + [key]))"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case let DecodingError.dataCorrupted(context):
            let where_ = context.codingPath.isEmpty ? "" : "\(path(context.codingPath)): "
            return where_ + context.debugDescription
        default:
            return "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
