import Foundation
import GoTemplate

/// A template text parsed, checked and rendered the way a blueprint argument is,
/// with the engine's limits (smaller budgets, so that one input stays well under
/// libFuzzer's time-out) and data shaped like a blueprint's template parameters.
enum TemplateFuzzing {
    /// The budgets of one render. The engine's defaults allow 10 million loop
    /// iterations, seconds of work under the address sanitizer; the limits
    /// themselves are what is exercised, not their size.
    static let limits = TemplateLimits(maxOutputBytes: 1 << 20, maxIterations: 100_000, maxValueBytes: 32 << 20)

    /// sprig without the functions whose cost is by design (RSA key generation,
    /// bcrypt, scrypt): a few calls of them in a loop take longer than the
    /// time-out without being a bug.
    static let functions: FunctionMap = {
        let slow: Set = [
            "genPrivateKey", "genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey",
            "genSignedCert", "genSignedCertWithKey", "bcrypt", "htpasswd", "derivePassword",
        ]
        return FunctionMap(FunctionMap.sprigShared.functions.filter { !slow.contains($0.key) }.map(\.value))
    }()

    static let data: Value = .map([
        "Object": .map([
            "metadata": .map(["name": .string("db"), "namespace": .string("prod"),
                              "labels": .map(["app": .string("db")])]),
            "spec": .map(["replicas": .int(3)]),
        ]),
        "Options": .map(["token": .string("s3cr3t-value"), "count": .string("5")]),
        "Phases": .map(["dump": .map(["Output": .map(["path": .string("/backup/1"), "size": .int(42)])])]),
        "ArtifactsIn": .map(["dump": .map(["KeyValue": .map(["path": .string("s3://b/k")])])]),
        "Items": .list([.int(1), .string("two"), .float64(3.5), .bool(true), .null]),
        "Bytes": .bytes([0, 1, 0xFF]),
    ])

    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        guard let template = try? Template(text: text, functions: functions) else { return }
        _ = template.execute(Self.data, limits: limits)
    }
}
