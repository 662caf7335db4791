import Foundation
import Testing
@testable import BlueprintFunctions

/// The command lines of every client: the password only ever in the environment.
struct ClientCommandsTests {
    static let secret = "pa55-w0rd-\(UUID().uuidString)"

    static func connection(_ engine: DatabaseEngine) -> DatabaseConnection {
        DatabaseConnection(engine: engine, host: "db.internal", port: 4242, user: "backup", database: "shop",
                           password: .value(secret, reference: nil))
    }

    static var everyCommand: [ClientCommand] {
        let pg = connection(.postgresql), my = connection(.mariadb), mongo = connection(.mongodb), redis = connection(.redis)
        return [
            ClientCommands.psqlSession(pg, password: secret),
            ClientCommands.pgDump(pg, password: secret, format: .custom),
            ClientCommands.pgRestore(pg, password: secret, format: .custom),
            ClientCommands.pgRestore(pg, password: secret, format: .plain),
            ClientCommands.mysqlSession(my, password: secret),
            ClientCommands.mysqlDump(my, password: secret),
            ClientCommands.mysqlRestore(my, password: secret),
            ClientCommands.mongosh(mongo, password: secret, script: ClientCommands.mongoLockScript),
            ClientCommands.mongoLeaseWatchdog(mongo, password: secret, leaseSeconds: 300),
            ClientCommands.redisCLI(redis, password: secret, ["BGSAVE"]),
            ClientCommands.psqlSession(pg, password: secret).underTimeout(seconds: 300),
        ]
    }

    @Test func noCommandLineCarriesThePassword() {
        for command in Self.everyCommand {
            #expect(!command.arguments.contains { $0.contains(Self.secret) }, "\(command)")
            #expect(!command.executable.contains(Self.secret))
            #expect(!command.description.contains(Self.secret))
            #expect(command.environment.values.contains(Self.secret), "\(command) gets no password")
        }
    }

    @Test func eachClientGetsThePasswordInTheVariableItReads() {
        #expect(ClientCommands.pgDump(Self.connection(.postgresql), password: Self.secret, format: .custom)
            .environment["PGPASSWORD"] == Self.secret)
        #expect(ClientCommands.mysqlDump(Self.connection(.mariadb), password: Self.secret)
            .environment["MYSQL_PWD"] == Self.secret)
        #expect(ClientCommands.redisCLI(Self.connection(.redis), password: Self.secret, ["PING"])
            .environment["REDISCLI_AUTH"] == Self.secret)
    }

    @Test func pgDumpTargetsTheConnection() {
        let command = ClientCommands.pgDump(Self.connection(.postgresql), password: nil, format: .tar, extraArgs: ["--no-owner"])
        #expect(command.executable == "pg_dump")
        #expect(command.arguments == ["-w", "--format=tar", "-h", "db.internal", "-p", "4242", "-U", "backup", "-d", "shop", "--no-owner"])
    }

    @Test func pgRestoreUsesPsqlForPlainDumpsAndPgRestoreOtherwise() {
        let pg = Self.connection(.postgresql)
        let plain = ClientCommands.pgRestore(pg, password: nil, format: .plain)
        #expect(plain.executable == "psql")
        #expect(plain.arguments.contains("ON_ERROR_STOP=1"))
        let custom = ClientCommands.pgRestore(pg, password: nil, format: .custom, clean: true, createDatabase: true)
        #expect(custom.executable == "pg_restore")
        #expect(custom.arguments.contains("--clean") && custom.arguments.contains("--if-exists"))
        #expect(custom.arguments.contains("--create"))
    }

    @Test func mysqlDumpOfOneDatabaseHasNoCreateDatabaseSoItRestoresUnderAnyName() {
        var my = Self.connection(.mariadb)
        let one = ClientCommands.mysqlDump(my, password: nil)
        #expect(one.arguments.last == "shop")
        #expect(!one.arguments.contains("--databases"))
        #expect(one.arguments.contains("--single-transaction"))
        my.database = nil
        #expect(ClientCommands.mysqlDump(my, password: nil).arguments.contains("--all-databases"))
    }

    @Test func mongoLockConnectsAuthenticatesFromTheEnvironmentAndLocks() {
        let command = ClientCommands.mongosh(Self.connection(.mongodb), password: Self.secret, script: ClientCommands.mongoLockScript)
        #expect(command.executable == "mongosh")
        #expect(Array(command.arguments.prefix(3)) == ["--quiet", "--nodb", "--eval"])
        let script = command.arguments[3]
        #expect(script.contains(#"new Mongo("mongodb://db.internal:4242/?directConnection=true")"#))
        #expect(script.contains("admin.auth(process.env.BLUEPRINT_MONGO_USER, process.env.BLUEPRINT_MONGO_PASSWORD"))
        #expect(script.hasSuffix(ClientCommands.mongoLockScript))
        #expect(script.contains("admin.fsyncLock()"))
        #expect(command.environment["BLUEPRINT_MONGO_USER"] == "backup")
    }

    @Test func mongoWatchdogSleepsForTheLeaseThenUnlocks() {
        let command = ClientCommands.mongoLeaseWatchdog(Self.connection(.mongodb), password: Self.secret, leaseSeconds: 90)
        #expect(command.executable == "sh")
        #expect(command.arguments[0] == "-c")
        #expect(command.arguments[1] == #"sleep "$1"; shift; exec "$@""#)
        #expect(command.arguments[3] == "90")
        #expect(command.arguments[4] == "mongosh")
        #expect(command.arguments.last?.contains("admin.fsyncUnlock()") == true)
    }

    /// The watchdog's shell really runs the command after the sleep, with its
    /// arguments intact (checked with `echo` standing in for mongosh).
    @Test func watchdogShellRunsTheUnlockCommandAfterTheLease() async throws {
        var command = ClientCommands.mongoLeaseWatchdog(Self.connection(.mongodb), password: nil, leaseSeconds: 1)
        command.arguments[4] = "echo"
        let started = ContinuousClock.now
        let output = try await ClientRun.run(command, redactor: PasswordRedactor())
        #expect(ContinuousClock.now - started >= .seconds(1))
        #expect(output.stdout.hasPrefix("--quiet --nodb --eval"))
        #expect(output.stdout.contains("admin.fsyncUnlock()"))
    }

    @Test func redisCommandsNameUserAndServer() {
        let command = ClientCommands.redisCLI(Self.connection(.redis), password: nil, ["LASTSAVE"])
        #expect(command.arguments == ["-h", "db.internal", "-p", "4242", "--no-auth-warning", "--user", "backup", "LASTSAVE"])
    }

    @Test func leaseWrapperStopsTheClientWithTimeout() {
        let wrapped = ClientCommand("psql", ["-X"]).underTimeout(seconds: 300)
        #expect(wrapped.executable == "timeout")
        #expect(wrapped.arguments == ["--signal=TERM", "--kill-after=5", "300s", "psql", "-X"])
    }
}
