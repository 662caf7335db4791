import BlueprintEngine
import Foundation
import Logging
import Testing
@testable import BlueprintFunctions

/// FsyncUnlock when this process holds no lock (an undo after an explicit
/// unlock, or `blueprint recover` after a crash): session-bound locks ended with
/// their session, so it succeeds without reaching the server.
@Suite struct FsyncUnlockWithoutLockTests {
    @Test(arguments: ["mysql", "mariadb", "postgresql"])
    func succeedsAndSaysTheSessionBoundLockIsGone(engine: String) async throws {
        let messages = MessageLog()
        let context = FunctionContext(
            runID: "r", phase: "undo of freeze", logger: Logger(label: "test"),
            artifacts: DirectoryArtifactSink(directory: FileManager.default.temporaryDirectory),
            redactor: Redactor(), killGracePeriod: .seconds(1), isUndo: true,
            progress: { messages.append($0) })
        // A port nothing listens on: the call must not need the server.
        let arguments = FunctionArguments(
            ["engine": .string(engine), "host": .string("127.0.0.1"), "port": .int(1)],
            declaration: FsyncUnlock.declaration)
        let output = try await FsyncUnlock.execute(arguments, in: context)
        #expect(output.values["unlockTime"] != nil)
        #expect(messages.all.contains { $0.contains("no lock held by this process") && $0.contains("ended with its session") })
    }
}

final class MessageLog: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func append(_ message: String) { lock.withLock { messages.append(message) } }
    var all: [String] { lock.withLock { messages } }
}
