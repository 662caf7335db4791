import ArgumentParser
import Foundation
import NIOCore
import ObjectStore

struct ProfileValidate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check that a profile works: write, read back and delete a probe object.",
        discussion: "Prints each step; on failure says which step failed and why, and exits with status 1.")

    @OptionGroup var store: ProfileOptions

    @Option(name: .long, help: ArgumentHelp("A named profile under <state-dir>/profiles/.", valueName: "name"))
    var name: String?

    func validate() throws {
        if name != nil && (store.profile != nil || store.profileName != nil) {
            throw ValidationError("use one of --profile, --name")
        }
    }

    func run() async throws {
        let steps = ProbeSteps()
        let profile = try steps.step("load profile") { try store.loadProfile(name: name) }
        let objectStore = try steps.step("connect (\(profile.location.type.rawValue))") {
            try profile.makeStore(stateDirectory: store.stateDirectory)
        }
        let prefix = profile.artifactPrefix
        let key = (prefix.isEmpty ? "" : prefix + "/") + ".blueprint-probe-\(UUID().uuidString)"
        let payload = Array("blueprint profile probe \(Date())\n".utf8)
        do {
            try await steps.step("write probe object \(key) to \(objectStore.displayName)") {
                try await objectStore.put(key: key, body: ByteStream(data: payload))
            }
            try await steps.step("read probe object back") {
                let read = try await objectStore.get(key: key).collect(upTo: 1 << 20)
                guard Array(read.readableBytesView) == payload else {
                    throw ProbeFailure("the object read back differs from what was written (\(read.readableBytes) bytes, expected \(payload.count))")
                }
            }
            try await steps.step("delete probe object") { try await objectStore.delete(key: key) }
            try await steps.step("check probe object is gone") {
                do {
                    _ = try await objectStore.head(key: key)
                    throw ProbeFailure("the object still exists after delete")
                } catch ObjectStoreError.notFound {}
            }
        } catch {
            try? await objectStore.shutdown()
            throw ExitCode(1)
        }
        try? await objectStore.shutdown()
        print("profile is valid: \(objectStore.displayName)\(prefix.isEmpty ? "" : " prefix \(prefix)")")
    }
}

struct ProbeFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Prints "ok"/"FAILED" per step so the user sees exactly where a profile breaks.
struct ProbeSteps {
    @discardableResult
    func step<T>(_ name: String, _ body: () throws -> T) throws -> T {
        do {
            let value = try body()
            print("ok      \(name)")
            return value
        } catch {
            print("FAILED  \(name): \(error)")
            throw ExitCode(1)
        }
    }

    @discardableResult
    func step<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        do {
            let value = try await body()
            print("ok      \(name)")
            return value
        } catch {
            print("FAILED  \(name): \(error)")
            throw ExitCode(1)
        }
    }
}
