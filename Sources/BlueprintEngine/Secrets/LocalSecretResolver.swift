import Foundation
import ObjectStore

/// Reads secrets from where a local run found them: files, environment
/// variables, the app file, the object-store profile. The run uses it to read
/// secret options; `blueprint recover` uses it to resolve the references its
/// journal keeps.
public struct LocalSecretResolver: SecretResolver {
    /// A secret file larger than this is a mistake (a key, not a disk image).
    static let maximumFileSize = 1 << 20

    public init() {}

    public func value(of reference: SecretReference) async throws -> String {
        try Self.read(reference)
    }

    public static func read(_ reference: SecretReference) throws(SecretResolutionError) -> String {
        func fail(_ reason: String) -> SecretResolutionError { SecretResolutionError(reference: reference, reason: reason) }
        switch reference {
        case .optionFile(_, let path):
            return try readFile(path, fail: fail)
        case .optionEnvironment(_, let variable):
            guard let value = ProcessInfo.processInfo.environment[variable] else {
                throw fail("environment variable \(variable) is not set; export it before running")
            }
            return value
        case .appFile(let path, let keyPath):
            let target: LocalTarget
            do { target = try LocalTarget.load(appFile: path, options: []) } catch { throw fail(error.description) }
            guard let value = target.value(at: keyPath) else {
                throw fail("the app file has no `\(keyPath.joined(separator: "."))`")
            }
            return value
        case .profile(let file, let name, let stateDirectory):
            do {
                let profile = try ProfileLoader(stateDirectory: URL(fileURLWithPath: stateDirectory)).resolve(file: file, name: name)
                guard let secret = try profile.templateValue().credential.keyPair?.secret, !secret.isEmpty else {
                    throw fail("the profile no longer has a secret key")
                }
                return secret
            } catch let error as SecretResolutionError {
                throw error
            } catch {
                throw fail("\(error)")
            }
        case .phaseOutput:
            throw fail("a secret output lives only in the run that produced it, and that run's engine is gone")
        }
    }

    /// A regular file's content, with one trailing newline dropped (as
    /// `echo secret > file` leaves one).
    private static func readFile(_ path: String, fail: (String) -> SecretResolutionError) throws(SecretResolutionError) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { throw fail("cannot read \(path): \(String(cString: strerror(errno)))") }
        guard status.st_mode & S_IFMT == S_IFREG else { throw fail("\(path) is not a regular file") }
        guard status.st_size <= maximumFileSize else { throw fail("\(path) is larger than 1 MiB; a secret file holds one value") }
        guard let data = FileManager.default.contents(atPath: path) else { throw fail("cannot read \(path)") }
        guard var text = String(data: data, encoding: .utf8) else { throw fail("\(path) is not UTF-8 text") }
        // "\r\n" is one Character in Swift: one removeLast drops either ending.
        if text.hasSuffix("\r\n") || text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
