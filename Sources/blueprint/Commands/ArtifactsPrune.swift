import ArgumentParser
import BlueprintModel
import Foundation
import ObjectStore

struct ArtifactsPrune: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete old runs, keeping the newest N per app and action and everything newer than a cutoff.",
        discussion: """
            A complete run is kept if it is one of the newest --keep-last runs of its app and action, or if it \
            is newer than --older-than; every other complete run is deleted. Runs without a manifest (leftovers \
            of failed runs) older than the cutoff are deleted too. A run whose manifest is corrupt is never \
            deleted by prune: it is reported as skipped, for `blueprint artifacts show` and `delete`.
            """)

    @OptionGroup var store: ProfileOptions

    @Option(name: .customLong("keep-last"), help: "Runs to keep per app and action, whatever their age.")
    var keepLast: Int

    @Option(name: .customLong("older-than"), help: "Delete runs older than this (30s, 5m, 1h30m, 7d, 2w).")
    var olderThan: String

    @Flag(name: .customLong("dry-run"), help: "Only print what would be deleted.")
    var dryRun = false

    func validate() throws {
        if keepLast < 0 { throw ValidationError("--keep-last must be 0 or more") }
        _ = try age()
    }

    /// The cutoff age, in the one duration grammar (Go's, plus d and w).
    private func age() throws -> Duration {
        let age: BlueprintDuration
        do { age = try BlueprintDuration.parse(olderThan) } catch {
            throw ValidationError("--older-than: \(error)\n    hint: \(error.hint)")
        }
        if age.nanoseconds < 0 { throw ValidationError("--older-than must not be negative, found \(age)") }
        return age.swiftDuration
    }

    func run() async throws {
        let age = try age()
        let plan = try await store.withArtifacts {
            try await $0.prune(keepLast: keepLast, olderThan: age, dryRun: dryRun)
        }
        let verb = dryRun ? "would delete" : "deleted"
        for decision in plan.decisions.sorted(by: { $0.time > $1.time }) {
            let location = decision.run.location
            let what = decision.delete ? verb : decision.run.isCorrupt ? "skipped" : "kept"
            print("\(what)  \(location.run)  \(location.app)/\(location.action)  \(ArtifactManifest.formatTime(decision.time))  \(decision.reason)")
        }
        let summary = dryRun ? "would be deleted" : "deleted"
        let skipped = plan.skipped.isEmpty ? "" : ", \(plan.skipped.count) corrupt run(s) skipped"
        print("\(plan.deleted.count) run(s) \(summary), \(plan.kept.count) kept\(skipped) (cutoff \(ArtifactManifest.formatTime(plan.cutoff)))")
    }
}
