import BlueprintModel
import Testing

/// What `validate` must refuse so that `run` never finds it out mid-action: a
/// file without a blueprint, timeouts that cannot run, commands with nothing to
/// run. Positions are worked out by hand from the texts.
@Suite struct ValidateInputTests {
    /// Declarations shaped like the built-in ones, so this suite needs no function bodies.
    static let catalog: [String: FunctionDeclaration] = [
        "Exec": FunctionDeclaration(name: "Exec", summary: "Runs a command.", arguments: [
            .required("command", .list(.string), "Command and arguments."),
        ]),
        "MultiContainerRun": FunctionDeclaration(name: "MultiContainerRun", summary: "Runs two containers.", arguments: [
            .optional("initCommand", .list(.string), "Init container command."),
            .required("backgroundCommand", .list(.string), "Background command."),
            .required("outputCommand", .list(.string), "Output command."),
        ]),
        "Wait": FunctionDeclaration(name: "Wait", summary: "Waits.", arguments: [
            .required("timeout", .duration, "How long to wait."),
        ]),
        "FsyncLock": FunctionDeclaration(name: "FsyncLock", summary: "Ours.", arguments: [
            .required("lease", .duration, "Lease."),
        ], origin: .blueprint),
    ]

    static func validate(_ text: String) -> [Diagnostic] {
        ValidationReport.validate(text: text, file: "bp.yaml", catalog: catalog)
    }

    @Test(arguments: ["", "# only a comment\n", "---\n", "--- # nothing\n...\n"])
    func aFileWithoutADocumentHasNoBlueprint(_ text: String) {
        #expect(Self.validate(text).map(\.description) == [
            "bp.yaml:1:1: error: the file contains no blueprint\n"
                + "    hint: a blueprint is a YAML document with `apiVersion: cr.kanister.io/v1alpha1` and `kind: Blueprint`",
        ])
    }

    @Test func aFileWithOnlyOtherKindsHasNoBlueprint() {
        let text = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {a: b}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: creds}

            """
        // Reported once, at the first document's kind value (2:7).
        #expect(Self.validate(text).map(\.description) == [
            "bp.yaml:2:7: error: the file contains no blueprint, only `ConfigMap`, `Secret`\n"
                + "    hint: a blueprint is a YAML document with `apiVersion: cr.kanister.io/v1alpha1` and `kind: Blueprint`; pass the blueprint's file instead",
        ])
    }

    static let blueprint = """
        apiVersion: cr.kanister.io/v1alpha1
        kind: Blueprint
        metadata:
          name: demo
        actions:
          backup:
            timeout: 0s
            phases:
            - func: Exec
              name: run
              timeout: -5s
              args:
                command: []

        """

    @Test func zeroAndNegativeTimeoutsAndAnEmptyCommandAreRefused() {
        // Line 7: four spaces and "timeout:" (5–12), the value at 14.
        // Line 11: six spaces and "timeout:" (7–14), the value at 16.
        // Line 13: eight spaces and "command:" (9–16), the `[` at 18.
        #expect(Self.validate(Self.blueprint).map(\.description) == [
            "bp.yaml:7:14: error: `timeout` in action `backup` must be longer than zero, found 0s\n"
                + "    hint: a timeout of 0s would stop the work before it starts; give how long it may run, e.g. \"10m\", or remove the field for no limit",
            "bp.yaml:11:16: error: `timeout` in phase `run` must be longer than zero, found -5s\n"
                + "    hint: a timeout of -5s would stop the work before it starts; give how long it may run, e.g. \"10m\", or remove the field for no limit",
            "bp.yaml:13:18: error: argument `command` of Exec in phase `run` is an empty list: there is no program to run\n"
                + "    hint: give the program and its arguments, e.g. `command: [sh, -c, \"echo hello\"]`",
        ])
    }

    @Test func timeoutsInDaysAreAcceptedInOurFields() {
        let text = Self.blueprint.replacingOccurrences(of: "timeout: 0s", with: "timeout: 2d")
            .replacingOccurrences(of: "timeout: -5s", with: "timeout: 1w")
            .replacingOccurrences(of: "command: []", with: "command: [\"true\"]")
        #expect(Self.validate(text).isEmpty, "\(Self.validate(text))")
    }

    @Test func everyCommandArgumentMustNameAProgram() {
        let text = """
            apiVersion: cr.kanister.io/v1alpha1
            kind: Blueprint
            metadata: {name: demo}
            actions:
              backup:
                phases:
                - func: MultiContainerRun
                  name: two
                  args:
                    initCommand: []
                    backgroundCommand: [sleep, "60"]
                    outputCommand: []

            """
        // Line 10: "initCommand:" at 9–20, `[` at 22. Line 12: "outputCommand:" at 9–22, `[` at 24.
        let diagnostics = Self.validate(text)
        #expect(diagnostics.map(\.location) == [
            SourceLocation(file: "bp.yaml", line: 10, column: 22), SourceLocation(file: "bp.yaml", line: 12, column: 24),
        ])
        #expect(diagnostics.first?.hint == "give the program and its arguments, or remove `initCommand`")
    }

    @Test func durationArgumentsMustBePositiveAndFollowTheirFunctionsGrammar() {
        let text = """
            apiVersion: cr.kanister.io/v1alpha1
            kind: Blueprint
            metadata: {name: demo}
            actions:
              backup:
                phases:
                - func: Wait
                  name: wait
                  args: {timeout: 0s}
                - func: Wait
                  name: wait2
                  args: {timeout: 2d}
                - func: FsyncLock
                  name: lock
                  args: {lease: 2d}

            """
        // Line 9 "      args: {timeout: 0s}": `{` at 13, "timeout:" 14–21, value at 23; line 12 alike.
        let diagnostics = Self.validate(text)
        #expect(diagnostics.map(\.description) == [
            "bp.yaml:9:23: error: argument `timeout` of Wait must be longer than zero, found 0s\n"
                + "    hint: duration arguments are timeouts and leases; give how long, e.g. \"30s\" or \"5m\"",
            "bp.yaml:12:23: error: argument `timeout` of Wait: duration \"2d\" has unknown unit \"d\"\n"
                + "    hint: days (d) and weeks (w) are accepted in timeouts, retries and the CLI; function arguments follow Kanister (Go) and take ns, us, ms, s, m, h: write 48h for 2d",
        ])
    }

    @Test func aNegativeBackoffIsRefusedButZeroMeansAtOnce() {
        let text = """
            apiVersion: cr.kanister.io/v1alpha1
            kind: Blueprint
            metadata: {name: demo}
            actions:
              backup:
                phases:
                - func: Exec
                  name: run
                  retry: {attempts: 2, backoff: 0s, maxBackoff: -1s}
                  args: {command: ["true"]}

            """
        // Line 9: "      retry: {attempts: 2, backoff: 0s, maxBackoff: -1s}": `{` at 14,
        // "attempts: 2, " 15–27, "backoff: 0s, " 28–40, "maxBackoff:" 41–51, value at 53.
        #expect(Self.validate(text).map(\.location) == [SourceLocation(file: "bp.yaml", line: 9, column: 53)])
        #expect(Self.validate(text).first?.message == "`maxBackoff` in `retry` of phase `run` must not be negative, found -1s")
    }
}
