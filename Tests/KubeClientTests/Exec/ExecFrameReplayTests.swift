import Testing
import KubeClient

@Suite struct ExecFrameReplayTests {
    func frame(_ channel: UInt8, _ text: String) -> ExecFrameReplay.Frame {
        ExecFrameReplay.Frame(isContinuation: false, bytes: [channel] + Array(text.utf8))
    }

    func continuation(_ text: String) -> ExecFrameReplay.Frame {
        ExecFrameReplay.Frame(isContinuation: true, bytes: Array(text.utf8))
    }

    @Test func channelsPidLineAndStatusAreSeparated() {
        let outcome = ExecFrameReplay.replay([
            frame(2, "@@kubeclient-exec-pid 77\nwarn\n"),
            frame(1, "hello "), continuation("world\n"),
            frame(3, #"{"status":"Success"}"#),
        ])
        #expect(outcome.stdout == Array("hello world\n".utf8))
        #expect(outcome.stderr == Array("warn\n".utf8))
        #expect(outcome.pid == 77)
        #expect(outcome.exitCode == 0)
        #expect(outcome.failure == nil)
    }

    @Test func continuationFramesStayOnTheirMessagesChannel() {
        let outcome = ExecFrameReplay.replay([frame(3, #"{"status":"#), continuation(#""Success"}"#), frame(1, "x")],
                                             expectPIDMarker: false)
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout == Array("x".utf8))
    }

    @Test func nonZeroExitAndFailureStatusesAreRead() {
        let exited = ExecFrameReplay.replay([frame(3, #"{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}"#)])
        #expect(exited.exitCode == 3)
        let failed = ExecFrameReplay.replay([frame(3, #"{"status":"Failure","message":"container not found"}"#)])
        #expect(failed.exitCode == nil)
        #expect(failed.failure == "container not found")
    }

    @Test func emptyFramesAndUnknownChannelsAreSkipped() {
        let outcome = ExecFrameReplay.replay([ExecFrameReplay.Frame(isContinuation: false, bytes: []), frame(9, "x"), frame(1, "")])
        #expect(outcome.stdout.isEmpty && outcome.stderr.isEmpty)
        #expect(outcome.exitCode == nil && outcome.failure == nil && outcome.pid == nil)
    }
}
