import BlueprintEngine
import Foundation
import Testing
@testable import BlueprintFunctions

/// The connection arguments as a catalog blueprint renders them: it cannot leave
/// an argument out, so an empty one means "not given" (`pod: ""` runs locally,
/// `passwordSecret: {name: ""}` falls back to `passwordEnv`).
struct ConnectionArgumentsTests {
    static func arguments(_ values: [String: ArgumentValue]) -> FunctionArguments {
        FunctionArguments(values.merging(["database": .string("app")]) { a, _ in a }, declaration: PgDump.declaration)
    }

    @Test func anEmptyPodRunsTheClientLocally() throws {
        let connection = try ConnectionArguments.connection(
            Self.arguments(["pod": .string(""), "namespace": .string(""), "container": .string(""),
                            "passwordEnv": .string("PGPASSWORD_BLUEPRINT")]),
            engine: .postgresql)
        #expect(connection.pod == nil)
        #expect(connection.password == .environment("PGPASSWORD_BLUEPRINT"))
        // The same phase with a pod named needs a cluster: it would not run locally.
        #expect(throws: FunctionError.self) {
            try ConnectionArguments.connection(Self.arguments(["pod": .string("pg-0")]), engine: .postgresql)
        }
        // A namespace without a pod is still a mistake worth naming.
        #expect(throws: FunctionError.self) {
            try ConnectionArguments.connection(Self.arguments(["pod": .string(""), "namespace": .string("shop")]),
                                               engine: .postgresql)
        }
    }

    @Test func aSecretWithAnEmptyNameIsNotGiven() throws {
        let emptySecret: ArgumentValue = .map(["name": .string(""), "key": .string("password")])
        let connection = try ConnectionArguments.connection(
            Self.arguments(["passwordSecret": emptySecret, "passwordEnv": .string("PGPASSWORD_BLUEPRINT")]), engine: .postgresql)
        #expect(connection.password == .environment("PGPASSWORD_BLUEPRINT"))
        #expect(try !ConnectionArguments.given(Self.arguments(["passwordSecret": emptySecret]), "passwordSecret"))
        // A named Secret with an empty passwordEnv is the Secret: locally it needs a cluster.
        let named: ArgumentValue = .map(["name": .string("pg-cred"), "key": .string("password")])
        #expect(try ConnectionArguments.given(Self.arguments(["passwordSecret": named]), "passwordSecret"))
        #expect(throws: FunctionError.self) {
            try ConnectionArguments.connection(Self.arguments(["passwordSecret": named, "passwordEnv": .string("")]),
                                               engine: .postgresql)
        }
    }

    @Test func emptyUserAndDatabaseAreTheClientsDefaults() throws {
        let connection = try ConnectionArguments.connection(
            FunctionArguments(["user": .string(""), "database": .string("")], declaration: MysqlDump.declaration), engine: .mariadb)
        #expect(connection.user == nil && connection.database == nil)
        #expect(ClientCommands.mysqlDump(connection, password: nil).arguments.contains("--all-databases"))
    }

    @Test func userEnvNamesAVariableOfThePodsContainer() throws {
        #expect(throws: FunctionError.self, "locally there is no container to read it from") {
            try ConnectionArguments.connection(Self.arguments(["userEnv": .string("POSTGRES_USER")]), engine: .postgresql)
        }
        let local = try ConnectionArguments.connection(Self.arguments(["userEnv": .string(""), "user": .string("app")]), engine: .postgresql)
        #expect(local.userEnv == nil && local.user == "app")
        #expect(MysqlDump.declaration.argument(named: "userEnv") == nil, "the MySQL clients take the user only as an argument")
    }

    @Test func passwordEnvMayNameAlternativesTheFirstSetWins() throws {
        let connection = DatabaseConnection(engine: .mariadb, password: .environment("MARIADB_ROOT_PASSWORD, MYSQL_ROOT_PASSWORD"))
        #expect(try connection.resolvePassword(environment: ["MYSQL_ROOT_PASSWORD": "b"]) == "b")
        #expect(try connection.resolvePassword(environment: ["MYSQL_ROOT_PASSWORD": "b", "MARIADB_ROOT_PASSWORD": "a"]) == "a")
        #expect(throws: DataServiceError.self) { try connection.resolvePassword(environment: [:]) }
    }
}
