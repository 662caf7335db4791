import Foundation
import Logging
import Yams

/// Turning a profile into something that talks to storage.
extension Profile {
    /// The key pair named by the profile. Throws with the source that failed
    /// (which variable, which file), never with a secret value.
    public func resolveCredentials(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> S3Credentials {
        guard let source = credential?.keyPair else {
            // No credential block: fall back to the conventional AWS variables.
            guard let id = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"] else {
                throw ProfileError.missingCredentials(
                    reason: "no credential in the profile and AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set")
            }
            return S3Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"])
        }
        if source.idEnv != nil || source.secretEnv != nil {
            let idName = source.idEnv ?? "AWS_ACCESS_KEY_ID"
            let secretName = source.secretEnv ?? "AWS_SECRET_ACCESS_KEY"
            guard let id = environment[idName], !id.isEmpty else {
                throw ProfileError.missingEnvironmentVariable(name: idName, field: "the access key id")
            }
            guard let secret = environment[secretName], !secret.isEmpty else {
                throw ProfileError.missingEnvironmentVariable(name: secretName, field: "the secret access key")
            }
            return S3Credentials(accessKeyID: id, secretAccessKey: secret)
        }
        if let file = source.file {
            struct KeyFile: Decodable { var id: String; var secret: String }
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw ProfileError.cannotRead(path: file, reason: (error as NSError).localizedDescription)
            }
            do {
                let pair = file.hasSuffix(".json")
                    ? try JSONDecoder().decode(KeyFile.self, from: data)
                    : try YAMLDecoder().decode(KeyFile.self, from: data)
                return S3Credentials(accessKeyID: pair.id, secretAccessKey: pair.secret)
            } catch {
                // The decoder's message could quote file content; keep it generic.
                throw ProfileError.invalid(path: file, reason: "a credentials file needs the string fields `id` and `secret`")
            }
        }
        if let id = source.id, let secret = source.secretValue {
            return S3Credentials(accessKeyID: id, secretAccessKey: secret)
        }
        if let reference = source.secret {
            throw ProfileError.kubernetesSecretUnsupported(name: reference.name)
        }
        throw ProfileError.missingCredentials(
            reason: "credential.keyPair needs idEnv/secretEnv, file, or id/secretValue")
    }

    /// Builds the store this profile points at.
    public func makeStore(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        stateDirectory: URL,
        logger: Logger = Logger(label: "blueprint.objectstore")
    ) throws -> any ObjectStore {
        switch location.type {
        case .filesystem:
            let root = location.path ?? stateDirectory.appendingPathComponent("artifacts").path
            return FilesystemStore(root: URL(fileURLWithPath: root))
        case .s3Compliant:
            return S3Store(configuration: try s3Configuration(environment: environment), logger: logger)
        }
    }

    /// The S3 settings of an `s3Compliant` profile.
    public func s3Configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> S3Configuration {
        guard let bucket = location.bucket, !bucket.isEmpty else {
            throw ProfileError.missingField(field: "bucket", locationType: location.type.rawValue)
        }
        var endpoint: URL?
        if let text = location.endpoint, !text.isEmpty {
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", url.host != nil
            else { throw ProfileError.invalidEndpoint(text) }
            endpoint = url
        }
        return S3Configuration(
            endpoint: endpoint, bucket: bucket, region: location.region ?? "us-east-1",
            credentials: try resolveCredentials(environment: environment),
            addressing: location.addressing, skipSSLVerify: skipSSLVerify,
            connectTimeout: connectTimeout ?? S3Configuration.defaultConnectTimeout,
            readTimeout: readTimeout ?? S3Configuration.defaultReadTimeout)
    }

    /// The prefix artifacts go under (without surrounding slashes).
    public var artifactPrefix: String {
        (location.prefix ?? "").split(separator: "/").joined(separator: "/")
    }
}
