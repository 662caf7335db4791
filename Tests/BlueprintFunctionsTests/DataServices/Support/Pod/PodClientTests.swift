import Foundation
import NIOCore
import Testing
@testable import BlueprintFunctions

/// How a client runs in a pod: argv names the environment's variables, their
/// values travel on stdin. The script is run here with the local `sh`, as the
/// container's shell would run it.
struct PodClientTests {
    static let secret = "s3cr3t-\(UUID().uuidString.prefix(8))"

    static func runLocally(_ argv: [String], stdin: [UInt8]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        process.environment = ["PATH": "/usr/bin:/bin", "CONTAINER_PW": "from-the-container"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test func thePasswordTravelsOnStdinNeverInArgv() throws {
        let command = ClientCommand("printenv", ["PGPASSWORD", "PGAPPNAME"], environment: ["PGPASSWORD": Self.secret, "PGAPPNAME": "app"])
        let (argv, prelude) = try PodClient.invocation(command)
        #expect(!argv.joined(separator: " ").contains(Self.secret))
        #expect(argv.contains("PGPASSWORD"))
        let result = try Self.runLocally(argv, stdin: Array(prelude.readableBytesView))
        #expect(result.status == 0)
        #expect(result.stdout == "\(Self.secret)\napp\n")
    }

    @Test func dataAfterThePreludeReachesTheClientExactlyAndIsCutAtItsSize() throws {
        let command = ClientCommand("od", ["-An", "-c"], environment: ["MYSQL_PWD": Self.secret])
        let (argv, prelude) = try PodClient.invocation(command, inputSize: 5)
        // Bytes past the size are what a v4 exec cannot stop sending; they must not reach the client.
        let result = try Self.runLocally(argv, stdin: Array(prelude.readableBytesView) + Array("ab\ncdEXTRA".utf8))
        #expect(result.status == 0)
        #expect(result.stdout.split(whereSeparator: \.isWhitespace) == ["a", "b", "\\n", "c", "d"])
    }

    @Test func passwordEnvInAPodCopiesTheContainersVariable() throws {
        var connection = DatabaseConnection(engine: .postgresql, password: .environment("CONTAINER_PW"),
                                            pod: PodClient(namespace: "ns", pod: "db-0", container: nil))
        #expect(try connection.resolvePassword(environment: [:]) == nil, "not looked up on the engine's host")
        let (argv, prelude) = try PodClient.invocation(ClientCommand("printenv", ["PGPASSWORD"]), copied: connection.copiedVariables)
        #expect(prelude.readableBytes == 0)
        #expect(try Self.runLocally(argv, stdin: []).stdout == "from-the-container\n")
        connection.password = .environment("NOT SET")
        #expect(throws: DataServiceError.self) {
            try PodClient.invocation(ClientCommand("true", []), copied: connection.copiedVariables)
        }
    }

    @Test func passwordEnvInAPodMayNameAlternativesTheFirstTheContainerSetsWins() throws {
        let connection = DatabaseConnection(engine: .mariadb, password: .environment("MARIADB_ROOT_PASSWORD,CONTAINER_PW"),
                                            pod: PodClient(namespace: "ns", pod: "db-0", container: nil))
        let (argv, _) = try PodClient.invocation(ClientCommand("printenv", ["MYSQL_PWD"]), copied: connection.copiedVariables)
        #expect(try Self.runLocally(argv, stdin: []).stdout == "from-the-container\n")
        let (neither, _) = try PodClient.invocation(ClientCommand("true", []), copied: ["MYSQL_PWD": "NOT_HERE,NOR_HERE"])
        #expect(try Self.runLocally(neither, stdin: []).status != 0, "no variable set: the client does not run")
        #expect(throws: DataServiceError.self) {
            try PodClient.invocation(ClientCommand("true", []), copied: ["MYSQL_PWD": "A,$(reboot)"])
        }
    }

    @Test func userEnvInAPodWinsOverUserWhenTheContainerSetsIt() throws {
        var connection = DatabaseConnection(engine: .postgresql, user: "postgres", userEnv: "CONTAINER_PW",
                                            pod: PodClient(namespace: "ns", pod: "db-0", container: nil))
        // The user travels as PGUSER (no -U, which would win over the container's variable).
        let dump = ClientCommands.pgDump(connection, password: nil, format: .custom)
        #expect(!dump.arguments.contains("-U") && dump.environment["PGUSER"] == "postgres")
        var (argv, prelude) = try PodClient.invocation(ClientCommand("printenv", ["PGUSER"], environment: dump.environment.filter { $0.key == "PGUSER" }),
                                                       overriding: connection.overriddenVariables)
        #expect(try Self.runLocally(argv, stdin: Array(prelude.readableBytesView)).stdout == "from-the-container\n")
        // A container without the variable keeps `user`.
        connection.userEnv = "NOT_SET_IN_THE_CONTAINER"
        (argv, prelude) = try PodClient.invocation(ClientCommand("printenv", ["PGUSER"], environment: ["PGUSER": "postgres"]),
                                                   overriding: connection.overriddenVariables)
        #expect(try Self.runLocally(argv, stdin: Array(prelude.readableBytesView)).stdout == "postgres\n")
        #expect(ConnectionArguments.undoArguments(connection)["userEnv"] == .string("NOT_SET_IN_THE_CONTAINER"))
        #expect(connection.record.connection().userEnv == "NOT_SET_IN_THE_CONTAINER", "the journal keeps it for the undo")
        #expect(throws: DataServiceError.self) {
            try PodClient.invocation(ClientCommand("true", []), overriding: ["PGUSER": "X;reboot"])
        }
        // Locally, or for MariaDB, -U / --user as before.
        #expect(ClientCommands.pgDump(DatabaseConnection(engine: .postgresql, user: "u", userEnv: "POSTGRES_USER"), password: nil,
                                      format: .custom).arguments.contains("-U"))
    }

    @Test func theFirstInstalledAlternativeRunsUnderTheWrapper() throws {
        let (argv, _) = try PodClient.invocation(
            ClientCommand("mariadb-dump", ["hello"]), alternatives: ["no-such-client-here", "echo"], wrapper: ["env", "X=1"])
        #expect(try Self.runLocally(argv, stdin: []).stdout == "hello\n")
        let (missing, _) = try PodClient.invocation(ClientCommand("x", []), alternatives: ["no-such-client-here"])
        #expect(try Self.runLocally(missing, stdin: []).status == 127)
    }

    @Test func aConnectionInAPodIsADifferentLockThanTheSameAddressLocally() {
        let local = DatabaseConnection(engine: .mariadb, host: "127.0.0.1", port: 3306)
        var inPod = local
        inPod.pod = PodClient(namespace: "ns", pod: "db-0", container: "mysql")
        #expect(LockKey(local) != LockKey(inPod))
        #expect(inPod.displayName.hasSuffix("in pod ns/db-0 (container mysql)"))
        let undo = ConnectionArguments.undoArguments(inPod)
        #expect(undo["pod"] == .string("db-0") && undo["namespace"] == .string("ns") && undo["container"] == .string("mysql"))
    }
}
