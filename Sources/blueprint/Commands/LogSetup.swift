import Foundation
import Logging

/// Logs go to stderr (stdout carries results and `--output json`). The progress
/// view already shows phases, retries and undos, so the default level only lets
/// errors through; `BLUEPRINT_LOG_LEVEL=debug` shows everything, commands included.
enum LogSetup {
    static func bootstrap() {
        let name = ProcessInfo.processInfo.environment["BLUEPRINT_LOG_LEVEL"] ?? "error"
        let level = Logger.Level(rawValue: name.lowercased()) ?? .error
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
