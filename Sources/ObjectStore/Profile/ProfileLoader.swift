import Foundation
import Yams

/// Reads profiles from files: `--profile FILE`, a named profile under the state
/// directory, or the built-in filesystem default.
public struct ProfileLoader: Sendable {
    public var stateDirectory: URL

    public init(stateDirectory: URL) {
        self.stateDirectory = stateDirectory
    }

    /// A profile file; `.json` is read as JSON, anything else as YAML. A file
    /// that does not decode is reported at its line and column, with the field,
    /// the allowed values and a hint (``ProfileError/invalidAt``).
    public func load(file path: String) throws -> Profile {
        let url = URL(fileURLWithPath: path)
        let data = try Self.read(path)
        var profile = try Self.decode(data, path: path, isJSON: url.pathExtension.lowercased() == "json")
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

    /// The bytes of a profile file. Only a regular file is read, and only up to
    /// ``maximumSize``: a FIFO would block and `/dev/zero` would never end.
    static func read(_ path: String) throws -> Data {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw ProfileError.cannotRead(path: path, reason: FilesystemStore.reason(error))
        }
        let type = attributes[.type] as? FileAttributeType
        guard type == .typeRegular else {
            let what = type == .typeDirectory ? "a directory" : "not a regular file"
            throw ProfileError.cannotRead(path: path, reason: "it is \(what); pass the profile's YAML or JSON file")
        }
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            return try handle.read(upToCount: maximumSize + 1) ?? Data()
        } catch {
            throw ProfileError.cannotRead(path: path, reason: FilesystemStore.reason(error))
        }
    }

    /// Decodes profile text. YAML goes through a node tree so that a field the
    /// decoder rejects can be found again for its line and column; JSON is
    /// decoded by JSONDecoder (exact JSON semantics) and located the same way.
    static func decode(_ data: Data, path: String, isJSON: Bool) throws -> Profile {
        if data.count > maximumSize {
            throw ProfileError.invalidAt(path: path, line: nil, column: nil, field: "",
                                         problem: "the file is larger than \(maximumSize) bytes", hint: "a profile is a few lines of YAML")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ProfileError.invalidAt(
                path: path, line: nil, column: nil, field: "",
                problem: "not UTF-8 text (first invalid byte at offset \(firstInvalidUTF8Offset(data)))", hint: "save the profile as UTF-8")
        }
        // JSON's own syntax first: YAML would read some broken JSON differently.
        if isJSON, let syntax = JSONSyntaxError.find(in: data) {
            throw ProfileError.invalidAt(path: path, line: syntax.line, column: syntax.column, field: "",
                                         problem: "not valid JSON: \(syntax.problem)", hint: "check the quoting and commas around that position")
        }
        var root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            // JSON that libyaml cannot read (tabs in odd places) is still JSON.
            if !isJSON { throw syntaxError(error, path: path) }
        }
        if let root, let unknown = ProfileFieldCheck.firstUnknownField(in: root) {
            throw ProfileError.invalidAt(path: path, line: unknown.line, column: unknown.column, field: unknown.field,
                                         problem: unknown.problem, hint: unknown.hint)
        }
        do {
            if isJSON { return try JSONDecoder().decode(Profile.self, from: data) }
            guard let root else {
                throw ProfileError.invalidAt(
                    path: path, line: nil, column: nil, field: "", problem: "the file is empty",
                    hint: "a profile needs at least `location: {type: filesystem, path: DIR}`")
            }
            return try YAMLDecoder().decode(Profile.self, from: root)
        } catch let error as DecodingError {
            let problem = ProfileDecodingProblem.explain(error, in: root)
            throw ProfileError.invalidAt(path: path, line: problem.line, column: problem.column, field: problem.field,
                                         problem: problem.problem, hint: problem.hint)
        } catch let error as ProfileError {
            throw error
        } catch {
            throw syntaxError(error, path: path)
        }
    }

    /// A Kanister Profile object as the API server returns it (JSON), checked and
    /// decoded as a profile file is; errors name `source` (`Profile ns/name`)
    /// and the field, without a line and column (the JSON is the server's, not
    /// something the user wrote). Its key pair is still a Secret reference: the
    /// caller that talks to the cluster resolves it.
    public static func decode(objectJSON data: Data, source: String) throws -> Profile {
        do {
            return try decode(data, path: source, isJSON: true)
        } catch let ProfileError.invalidAt(path, _, _, field, problem, hint) {
            throw ProfileError.invalidAt(path: path, line: nil, column: nil, field: field, problem: problem, hint: hint)
        }
    }

    /// Profiles are small; a larger file is a mistake (or an attack on memory).
    static let maximumSize = 1 << 20

    /// libyaml's complaint, at its line and column, without its internals.
    static func syntaxError(_ error: any Error, path: String) -> ProfileError {
        let hint = "check the indentation and quoting around that position"
        switch error {
        case let YamlError.scanner(_, problem, mark, _), let YamlError.parser(_, problem, mark, _),
             let YamlError.composer(_, problem, mark, _):
            return .invalidAt(path: path, line: mark.line, column: mark.column, field: "", problem: "not valid YAML: \(problem)", hint: hint)
        case let YamlError.duplicatedKeysInMapping(duplicates, context):
            return .invalidAt(path: path, line: context.mark.line, column: context.mark.column, field: "",
                              problem: "duplicated key \(duplicates.joined(separator: ", "))", hint: "keep one of them")
        case let YamlError.reader(problem, offset, _, _):
            let at = offset.map { " at byte offset \($0)" } ?? ""
            return .invalidAt(path: path, line: nil, column: nil, field: "", problem: "not valid YAML text\(at): \(problem)", hint: nil)
        default:
            return .invalidAt(path: path, line: nil, column: nil, field: "", problem: "\(error)", hint: nil)
        }
    }

    static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while case let .scalarValue(scalar) = decoder.decode(&iterator) {
            offset += UTF8.width(scalar)
        }
        return offset
    }

    /// A decoding error as one line, for other small JSON/YAML documents
    /// (manifests) that have no file position to report.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        let problem = ProfileDecodingProblem.explain(error, in: nil)
        return problem.field.isEmpty ? problem.problem : "\(problem.field): \(problem.problem)"
    }
}
