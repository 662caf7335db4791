import Testing
@testable import KubeClient

/// Status documents as kubelet 1.20 writes them on channel 3
/// (pkg/kubelet/cri/streaming/remotecommand/websocket.go + httpstream.go).
@Suite struct ExecStatusTests {
    @Test func successIsExitZero() throws {
        #expect(ExecStatus.parse(try JSONValue(parsing: #"{"metadata":{},"status":"Success"}"#)) == .exited(0))
    }

    @Test func nonZeroExitCodeComesFromTheCause() throws {
        let text = #"{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: exit status 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}"#
        #expect(ExecStatus.parse(try JSONValue(parsing: text)) == .exited(3))
    }

    @Test func otherFailuresKeepTheMessage() throws {
        let text = #"{"metadata":{},"status":"Failure","message":"exec: \"nope\": executable file not found in $PATH"}"#
        #expect(ExecStatus.parse(try JSONValue(parsing: text)) == .failure("exec: \"nope\": executable file not found in $PATH"))
    }
}
