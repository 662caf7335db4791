import Foundation

/// One secret in a journaled undo: which secret and in which form, standing for
/// the placeholder `<redacted:N>` at its index in the undo's list.
public struct SecretUse: Sendable, Hashable, Codable {
    public var reference: SecretReference
    public var form: SecretForm

    public init(reference: SecretReference, form: SecretForm) {
        self.reference = reference
        self.form = form
    }

    static func placeholder(_ index: Int) -> String { "<redacted:\(index)>" }
}

/// Reads a secret again from where it came from.
public protocol SecretResolver: Sendable {
    func value(of reference: SecretReference) async throws -> String
}

/// A secret an undo needs that can no longer be read.
public struct SecretResolutionError: Error, Sendable, CustomStringConvertible {
    public var reference: SecretReference
    public var reason: String

    public init(reference: SecretReference, reason: String) {
        self.reference = reference
        self.reason = reason
    }

    public var description: String { "cannot read \(reference) again: \(reason)" }
}

/// The secrets a live run already holds in memory: how the run's own unwinding
/// resolves the references its journal keeps.
public struct KnownSecrets: SecretResolver {
    let values: [SecretReference: String]

    public init(_ redactor: Redactor) {
        values = Dictionary(redactor.secrets.map { ($0.reference, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    public func value(of reference: SecretReference) async throws -> String {
        guard let value = values[reference] else {
            throw SecretResolutionError(reference: reference, reason: "this run does not know it")
        }
        return value
    }
}

extension SecretResolver {
    /// `arguments` with each `<redacted:N>` placeholder replaced by the value
    /// `uses[N]` stands for, read again through this resolver.
    func resolve(_ arguments: [String: ArgumentValue], uses: [SecretUse]) async throws -> [String: ArgumentValue] {
        guard !uses.isEmpty else { return arguments }
        var texts: [String] = []
        for use in uses {
            let value = try await value(of: use.reference)
            guard let text = use.form.text(of: value) else {
                throw SecretResolutionError(reference: use.reference, reason: "it no longer has line \((use.form.line ?? 0) + 1)")
            }
            texts.append(text)
        }
        let resolved = ArgumentValue.map(arguments).mappingStrings { text in
            guard text.contains("<redacted:") else { return text }
            var out = text
            for index in texts.indices {
                out = out.replacingOccurrences(of: SecretUse.placeholder(index), with: texts[index])
            }
            return out
        }
        guard case .map(let map) = resolved else { return arguments }
        return map
    }
}
