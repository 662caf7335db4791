import BlueprintEngine
import Foundation

/// Application records beside the run journal: `$BLUEPRINT_HOME/applications/<id>.json`.
/// Ids follow the run ids' rule (names, never paths) and a record is read only
/// under its own id, as for runs (promise 7).
public struct ApplicationStore: Sendable {
    public var home: URL

    public init(home: URL) { self.home = home }
    public init(runs: RunStore) { self.home = runs.home }

    public var directory: URL { home.appendingPathComponent("applications") }

    /// A new id: a run id whose action says it is an application's (`…-app-backup-…`).
    public static func newID(action: String) -> String { RunStore.newRunID(action: "app-" + action) }

    /// Whether `id` names an application record here (a valid id with a file).
    public func contains(_ id: String) -> Bool {
        RunStore.isValidID(id) && FileManager.default.fileExists(atPath: url(id).path)
    }

    func url(_ id: String) -> URL { directory.appendingPathComponent("\(id).json") }

    public func load(_ id: String) throws -> ApplicationRecord {
        try RunStore.validateID(id)
        let url = url(id)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ApplicationError.noRecord(id: id, directory: directory.path)
        }
        let record: ApplicationRecord
        do {
            record = try RunStore.jsonDecoder.decode(ApplicationRecord.self, from: Data(contentsOf: url))
        } catch {
            throw ApplicationError.unreadableRecord(path: url.path, reason: "\(error)")
        }
        guard record.id == id else {
            throw ApplicationError.unreadableRecord(path: url.path, reason: "it holds the record of `\(record.id)`, not `\(id)`")
        }
        return record
    }

    /// Written whole to a temporary file and renamed over the old one.
    public func save(_ record: ApplicationRecord) throws {
        try RunStore.validateID(record.id)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let data = try RunStore.json(record)
        let temporary = directory.appendingPathComponent(".\(record.id).json.tmp")
        try data.write(to: temporary)
        guard rename(temporary.path, url(record.id).path) == 0 else {
            throw ApplicationError.unreadableRecord(path: url(record.id).path, reason: "cannot write it: \(String(cString: strerror(errno)))")
        }
    }

    /// Every record, newest first; unreadable files are skipped.
    public func list() -> [ApplicationRecord] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.compactMap { file in
            try? RunStore.jsonDecoder.decode(ApplicationRecord.self, from: Data(contentsOf: directory.appendingPathComponent(file)))
        }.sorted { ($0.startedAt, $0.id) > ($1.startedAt, $1.id) }
    }
}
