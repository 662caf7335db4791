import BlueprintEngine
import ArgumentParser

extension RunCommand {
    /// The longest `--kill-grace`: beyond an hour a stuck command would hold the
    /// undos back for longer than any freeze should last.
    static let maxKillGraceSeconds = 3600.0

    /// Refuses numbers that cannot become durations (NaN, infinity, 1e300 trap
    /// on the conversion to nanoseconds) before anything runs; a usage error
    /// exits 2.
    func validate() throws {
        guard killGrace.isFinite, killGrace >= 0, killGrace <= Self.maxKillGraceSeconds else {
            throw ValidationError(
                "--kill-grace must be a number of seconds from 0 to \(Int(Self.maxKillGraceSeconds)), found \(killGrace)")
        }
        if parallel < 1 { throw ValidationError("--parallel must be at least 1, found \(parallel)") }
        for id in [runID, from].compactMap({ $0 }) where !RunStore.isValidID(id) {
            throw ValidationError(RunStore.StoreError.invalidID(id).description)
        }
    }
}
