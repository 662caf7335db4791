/// Masks passwords in text that leaves a data-service function: a client's
/// stderr in an error, a log line, an output.
///
/// Named apart from the engine's journal redactor so both can be imported
/// together; the executor may add its own secrets to either.
public struct PasswordRedactor: Sendable, Hashable {
    public static let mask = "<redacted>"
    public private(set) var secrets: [String]

    public init(secrets: [String] = []) {
        // Longest first, so a secret containing another is masked whole; empty
        // strings would match everywhere.
        self.secrets = Array(Set(secrets.filter { !$0.isEmpty })).sorted { $0.count > $1.count }
    }

    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
        return result
    }
}

import Foundation
