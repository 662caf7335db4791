/// The command lines of the database clients, built in one place so tests can
/// check them (MongoDB and Redis cannot run here) and so the rule "the password
/// goes in the environment" is applied once.
public enum ClientCommands {
    // MARK: PostgreSQL

    /// A psql session for FsyncLock: no psqlrc, quiet, unaligned tuples only, stop at the first error.
    public static func psqlSession(_ c: DatabaseConnection, password: String?) -> ClientCommand {
        ClientCommand(
            "psql",
            ["-X", "-q", "-A", "-t", "-w", "-v", "ON_ERROR_STOP=1"] + pgTarget(c, database: c.database ?? "postgres"),
            environment: pgEnvironment(c, password, application: "blueprint-fsynclock")
        )
    }

    public static func pgDump(
        _ c: DatabaseConnection, password: String?, format: DumpFormat, extraArgs: [String] = []
    ) -> ClientCommand {
        ClientCommand(
            "pg_dump",
            ["-w", "--format=\(format.pgDumpFlag)"] + pgTarget(c, database: c.database ?? "postgres") + extraArgs,
            environment: pgEnvironment(c, password, application: "blueprint-pgdump")
        )
    }

    /// pg_restore for custom and tar archives read from stdin; psql for plain SQL.
    public static func pgRestore(
        _ c: DatabaseConnection, password: String?, format: DumpFormat,
        clean: Bool = false, createDatabase: Bool = false, extraArgs: [String] = []
    ) -> ClientCommand {
        let target = pgTarget(c, database: c.database ?? "postgres")
        let environment = pgEnvironment(c, password, application: "blueprint-pgrestore")
        if format == .plain {
            return ClientCommand(
                "psql", ["-X", "-q", "-w", "-v", "ON_ERROR_STOP=1", "-f", "-"] + target + extraArgs,
                environment: environment
            )
        }
        var arguments = ["-w", "--format=\(format.pgDumpFlag)", "--exit-on-error"]
        if clean { arguments += ["--clean", "--if-exists"] }
        if createDatabase { arguments.append("--create") }
        return ClientCommand("pg_restore", arguments + target + extraArgs, environment: environment)
    }

    /// With `userEnv` in a pod the user travels as PGUSER (which the container's
    /// variable replaces there), not as `-U`, which would win over it.
    private static func pgTarget(_ c: DatabaseConnection, database: String) -> [String] {
        var arguments = ["-h", c.host, "-p", String(c.effectivePort)]
        if let user = c.user, c.overriddenVariables.isEmpty { arguments += ["-U", user] }
        return arguments + ["-d", database]
    }

    private static func pgEnvironment(_ c: DatabaseConnection, _ password: String?, application: String) -> [String: String] {
        var environment = ["PGAPPNAME": application, "PGCONNECT_TIMEOUT": "15"]
        if let password { environment["PGPASSWORD"] = password }
        if let user = c.user, !c.overriddenVariables.isEmpty { environment["PGUSER"] = user }
        return environment
    }

    // MARK: MySQL / MariaDB

    /// MariaDB's names first (Debian ships them; the mysql* names are compatibility links
    /// that newer MariaDB releases warn about), MySQL's as a fallback.
    static let mysqlClientNames = ["mariadb", "mysql"]
    static let mysqlDumpNames = ["mariadb-dump", "mysqldump"]

    /// A client session for FsyncLock: batch mode, no column names, output flushed per statement.
    public static func mysqlSession(_ c: DatabaseConnection, password: String?, client: String = "mariadb") -> ClientCommand {
        ClientCommand(
            client,
            mysqlTarget(c) + ["--batch", "--skip-column-names", "--unbuffered"],
            environment: mysqlEnvironment(password)
        )
    }

    /// A dump of one database (no CREATE DATABASE, so it restores into any name)
    /// or of all; one consistent InnoDB snapshot without locking tables.
    public static func mysqlDump(
        _ c: DatabaseConnection, password: String?, extraArgs: [String] = [], tool: String = "mariadb-dump"
    ) -> ClientCommand {
        var arguments = mysqlTarget(c, connectTimeout: false) + ["--single-transaction", "--routines", "--triggers", "--events", "--hex-blob"]
        arguments += c.database.map { [$0] } ?? ["--all-databases"]
        return ClientCommand(tool, arguments + extraArgs, environment: mysqlEnvironment(password))
    }

    public static func mysqlRestore(
        _ c: DatabaseConnection, password: String?, extraArgs: [String] = [], client: String = "mariadb"
    ) -> ClientCommand {
        var arguments = mysqlTarget(c) + ["--batch"]
        if let database = c.database { arguments.append("--database=\(database)") }
        return ClientCommand(client, arguments + extraArgs, environment: mysqlEnvironment(password))
    }

    /// mariadb-dump has no --connect-timeout; the clients do.
    private static func mysqlTarget(_ c: DatabaseConnection, connectTimeout: Bool = true) -> [String] {
        var arguments = ["--protocol=TCP", "--host=\(c.host)", "--port=\(c.effectivePort)"]
        if connectTimeout { arguments.append("--connect-timeout=15") }
        if let user = c.user { arguments.append("--user=\(user)") }
        return arguments
    }

    private static func mysqlEnvironment(_ password: String?) -> [String: String] {
        password.map { ["MYSQL_PWD": $0] } ?? [:]
    }

    // MARK: MongoDB

    /// mongosh evaluating `script` against the admin database. The password is
    /// read by the script from the environment (mongosh has no password
    /// variable, and `--password` would put it in `ps`).
    public static func mongosh(_ c: DatabaseConnection, password: String?, script: String) -> ClientCommand {
        var environment: [String: String] = [:]
        if let password { environment[DatabaseEngine.mongodb.passwordVariable] = password }
        if let user = c.user { environment["BLUEPRINT_MONGO_USER"] = user }
        let connect = """
            const conn = new Mongo(\(jsString("mongodb://\(c.host):\(c.effectivePort)/?directConnection=true")));
            const admin = conn.getDB("admin");
            if (process.env.BLUEPRINT_MONGO_USER) {
              admin.auth(process.env.BLUEPRINT_MONGO_USER, process.env.\(DatabaseEngine.mongodb.passwordVariable) || "");
            }
            """
        return ClientCommand("mongosh", ["--quiet", "--nodb", "--eval", connect + "\n" + script], environment: environment)
    }

    public static let mongoLockScript = #"const r = admin.fsyncLock(); print("BLUEPRINT-LOCKED|" + r.lockCount);"#
    public static let mongoUnlockScript = #"const r = admin.fsyncUnlock(); print("BLUEPRINT-UNLOCKED|" + r.lockCount);"#

    /// The lease watchdog of a MongoDB lock: a process of its own (not a child
    /// the engine's death takes down, because `fsyncLock` outlives sessions) that
    /// sleeps for the lease and then unlocks. Releasing in time kills it first.
    public static func mongoLeaseWatchdog(_ c: DatabaseConnection, password: String?, leaseSeconds: Int) -> ClientCommand {
        let unlock = mongosh(c, password: password, script: mongoUnlockScript)
        return ClientCommand(
            "sh",
            ["-c", #"sleep "$1"; shift; exec "$@""#, "blueprint-lease-watchdog", String(leaseSeconds),
             unlock.executable] + unlock.arguments,
            environment: unlock.environment
        )
    }

    // MARK: Redis

    public static func redisCLI(_ c: DatabaseConnection, password: String?, _ command: [String]) -> ClientCommand {
        var arguments = ["-h", c.host, "-p", String(c.effectivePort), "--no-auth-warning"]
        if let user = c.user { arguments += ["--user", user] }
        return ClientCommand(
            "redis-cli", arguments + command,
            environment: password.map { [DatabaseEngine.redis.passwordVariable: $0] } ?? [:]
        )
    }

    private static func jsString(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}

/// pg_dump's output formats.
public enum DumpFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case custom
    case plain
    case directory
    case tar

    var pgDumpFlag: String {
        switch self {
        case .custom: return "custom"
        case .plain: return "plain"
        case .directory: return "directory"
        case .tar: return "tar"
        }
    }
}
