/// The data services FsyncLock, the dumps and the catalog know.
public enum DatabaseEngine: String, Sendable, Hashable, Codable, CaseIterable {
    case postgresql
    case mysql
    case mariadb
    case mongodb
    case redis

    public var defaultPort: Int {
        switch self {
        case .postgresql: return 5432
        case .mysql, .mariadb: return 3306
        case .mongodb: return 27017
        case .redis: return 6379
        }
    }

    /// The variable the engine's client reads its user from, when it has one
    /// (the MySQL and MariaDB clients take the user only as an argument).
    var userVariable: String? {
        self == .postgresql ? "PGUSER" : nil
    }

    /// The variable the engine's client reads its password from.
    var passwordVariable: String {
        switch self {
        case .postgresql: return "PGPASSWORD"
        case .mysql, .mariadb: return "MYSQL_PWD"
        // mongosh has no such variable: our script reads this one through process.env.
        case .mongodb: return "BLUEPRINT_MONGO_PASSWORD"
        case .redis: return "REDISCLI_AUTH"
        }
    }
}
