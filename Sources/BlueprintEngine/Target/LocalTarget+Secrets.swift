import Foundation

/// The secrets of a local target, each with where it came from: the app file's
/// `secrets:` and profile, secret options, and the object store's credential.
extension LocalTarget {
    /// `--option-from-file NAME=PATH`.
    public static func optionFromFile(_ text: String) throws(LoadError) -> SecretReference {
        let (name, path) = try split(text, flag: "--option-from-file", valueName: "PATH")
        return .optionFile(option: name, path: path)
    }

    /// `--option-from-env NAME=VARIABLE`.
    public static func optionFromEnvironment(_ text: String) throws(LoadError) -> SecretReference {
        let (name, variable) = try split(text, flag: "--option-from-env", valueName: "VARIABLE")
        return .optionEnvironment(option: name, variable: variable)
    }

    private static func split(_ text: String, flag: String, valueName: String) throws(LoadError) -> (String, String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex, text.index(after: equals) != text.endIndex else {
            throw .badSecretOption(flag: flag, text: text, valueName: valueName)
        }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    /// Reads each secret option now: a missing file or variable is an input
    /// error before anything runs.
    mutating func addSecretOptions(_ references: [SecretReference]) throws(LoadError) {
        for reference in references {
            let name: String
            switch reference {
            case .optionFile(let option, _), .optionEnvironment(let option, _): name = option
            default: continue
            }
            do { options[name] = try LocalSecretResolver.read(reference) } catch { throw .secretUnreadable(error) }
            secretOptions[name] = reference
            commandLineOptions.remove(name)
        }
    }

    /// Options the blueprint's action declares secret (`secretOptions:`).
    /// Returns the names given in plain text on the command line, which the run
    /// refuses; those from the app file become secrets referenced there.
    public mutating func declareSecretOptions(_ names: [String]) -> [String] {
        var onCommandLine: [String] = []
        for name in names where options[name] != nil && secretOptions[name] == nil {
            if commandLineOptions.contains(name) {
                onCommandLine.append(name)
            } else if let appFile {
                secretOptions[name] = .appFile(path: appFile, keyPath: ["options", name])
            }
        }
        return onCommandLine.sorted()
    }

    /// Every secret value, for redaction, with its reference.
    public var secretValues: [SecretValue] {
        var values = credentialSecrets
        let path = appFile ?? "(none)"
        for (name, secret) in (document["secrets"]?.mapValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            for (key, value) in (secret.mapValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                values.append(SecretValue(value.description, from: .appFile(path: path, keyPath: ["secrets", name, key])))
            }
        }
        if let profile = document["profile"] {
            Self.collectSecretLeaves(profile, path: ["profile"], underSecret: false) { keyPath, value in
                values.append(SecretValue(value, from: .appFile(path: path, keyPath: keyPath)))
            }
        }
        for (name, reference) in secretOptions.sorted(by: { $0.key < $1.key }) {
            if let value = options[name] { values.append(SecretValue(value, from: reference)) }
        }
        return values
    }

    /// Every string in a profile under a key that names a secret (`Secret`,
    /// `secretAccessKey`, `kopiaServerSecret`, …).
    private static func collectSecretLeaves(_ value: ArgumentValue, path: [String], underSecret: Bool,
                                            _ found: (_ keyPath: [String], _ value: String) -> Void) {
        switch value {
        case .map(let map):
            for (key, child) in map.sorted(by: { $0.key < $1.key }) {
                collectSecretLeaves(child, path: path + [key], underSecret: underSecret || key.lowercased().contains("secret"), found)
            }
        case .list(let items):
            for (index, item) in items.enumerated() {
                collectSecretLeaves(item, path: path + ["\(index)"], underSecret: underSecret, found)
            }
        case .null: break
        default:
            if underSecret { found(path, value.description) }
        }
    }

    /// The value at `keyPath` of the document, for resolving an app-file reference.
    func value(at keyPath: [String]) -> String? {
        var current: ArgumentValue = .map(document)
        for key in keyPath {
            switch current {
            case .map(let map): guard let next = map[key] else { return nil }; current = next
            case .list(let items): guard let index = Int(key), items.indices.contains(index) else { return nil }; current = items[index]
            default: return nil
            }
        }
        switch current {
        case .map, .list, .null: return nil
        default: return current.description
        }
    }
}
