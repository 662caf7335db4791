import Foundation
import NIOCore

/// The artifacts of every run, kept in an object store under a prefix:
/// `<prefix>/<app>/<action>/<run>/<name>` plus `<run>/manifest.json`.
public struct ArtifactStore: Sendable {
    public let store: any ObjectStore
    /// Key prefix without leading or trailing slashes ("" for the store's root).
    public let prefix: String

    public init(store: any ObjectStore, prefix: String = "") {
        self.store = store
        self.prefix = prefix.split(separator: "/").joined(separator: "/")
    }

    /// Starts writing a run. Leftovers of an interrupted earlier attempt with the
    /// same run id (incomplete multipart uploads) are cleaned up first; a run that
    /// is already complete is refused so a manifest is never silently replaced.
    public func writer(app: String, action: String, run: String) async throws -> ArtifactWriter {
        let location = try RunLocation(app: app, action: action, run: run)
        let manifestKey = location.manifestKey(prefix: prefix)
        do {
            _ = try await store.head(key: manifestKey)
            throw ArtifactError.runAlreadyComplete(run: run, manifestKey: manifestKey)
        } catch ObjectStoreError.notFound {}
        try await store.cleanupIncompleteUploads(prefix: location.folder(prefix: prefix))
        return ArtifactWriter(store: store, prefix: prefix, location: location)
    }

    /// Whether runs can be stored at all, before any is started: see
    /// ``ObjectStore/checkWritable()``.
    public func checkWritable() async throws {
        try await store.checkWritable()
    }

    // MARK: Reading

    /// Every run found under the prefix (optionally one app's), complete or not.
    public func scan(app: String? = nil) async throws -> [RunListing] {
        var listPrefix = prefix.isEmpty ? "" : prefix + "/"
        if let app {
            try RunLocation.validate(field: "app", app)
            listPrefix += app + "/"
        }
        let base = prefix.isEmpty ? 0 : prefix.count + 1
        var groups: [RunLocation: [ObjectInfo]] = [:]
        var order: [RunLocation] = []
        for object in try await store.list(prefix: listPrefix) {
            let relative = object.key.dropFirst(base)
            let parts = relative.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4 else { continue }
            let location = RunLocation(unchecked: String(parts[0]), action: String(parts[1]), run: String(parts[2]))
            if groups[location] == nil { order.append(location) }
            groups[location, default: []].append(object)
        }
        var result: [RunListing] = []
        for location in order {
            let objects = groups[location]!
            let manifestKey = location.manifestKey(prefix: prefix)
            var listing = RunListing(location: location, manifest: nil, objects: objects)
            if objects.contains(where: { $0.key == manifestKey }) {
                switch try await readManifest(key: manifestKey, location: location) {
                case let .success(manifest)?: listing.manifest = manifest
                case let .failure(corruption)?: listing.corruption = corruption
                case nil: break
                }
            }
            result.append(listing)
        }
        return result
    }

    /// Complete runs, newest first. Corrupt runs are left out (see ``scan(app:)``).
    public func list(app: String? = nil) async throws -> [ArtifactManifest] {
        try await scan(app: app).compactMap(\.manifest).sorted { $0.time > $1.time }
    }

    /// The manifest of a complete run, found by its id; a run whose manifest is
    /// corrupt throws ``ArtifactError/corruptRun(run:corruption:)``.
    public func manifest(run: String) async throws -> ArtifactManifest {
        let listing = try await find(run: run)
        if let manifest = listing.manifest { return manifest }
        throw ArtifactError.corruptRun(
            run: run, corruption: listing.corruption ?? ManifestCorruption(key: listing.location.manifestKey(prefix: prefix), reason: "unreadable"))
    }

    /// Finds a complete or corrupt run by id anywhere under the prefix (a run
    /// without a manifest may still be in progress and is not found).
    public func find(run: String) async throws -> RunListing {
        try RunLocation.validate(field: "run id", run)
        let matches = try await scan().filter { $0.location.run == run && ($0.manifest != nil || $0.corruption != nil) }
        guard let first = matches.first else { throw ArtifactError.runNotFound(run: run) }
        guard matches.count == 1 else {
            throw ArtifactError.ambiguousRun(run: run, locations: matches.map { $0.location.folder(prefix: prefix) })
        }
        return first
    }

    /// The manifest at `key`, checked against the place it was found: `nil` if
    /// it vanished meanwhile, a failure if it cannot be trusted. A store that
    /// cannot be reached throws: that says nothing about this run.
    func readManifest(key: String, location: RunLocation) async throws -> Result<ArtifactManifest, ManifestCorruption>? {
        let data: ByteBuffer
        do {
            data = try await store.get(key: key).collect(upTo: Self.maximumManifestSize)
        } catch ObjectStoreError.notFound {
            return nil
        } catch let error as ObjectStoreError {
            switch error {
            case .io, .tooLarge, .invalidKey: return .failure(ManifestCorruption(key: key, reason: error.description))
            default: throw error
            }
        }
        let manifest: ArtifactManifest
        do {
            manifest = try ArtifactManifest.decoder.decode(ArtifactManifest.self, from: Data(data.readableBytesView))
        } catch {
            let bytes = Data(data.readableBytesView)
            let reason = JSONSyntaxError.find(in: bytes).map(\.description) ?? ProfileLoader.describe(error)
            return .failure(ManifestCorruption(key: key, reason: reason))
        }
        if let problem = mismatch(manifest, location: location) {
            return .failure(ManifestCorruption(key: key, reason: problem))
        }
        return .success(manifest)
    }

    /// Manifests are a few kilobytes per hundred artifacts; more is not one.
    static let maximumManifestSize = 64 * 1024 * 1024

    /// A manifest may only describe its own run, and only keys in its folder: a
    /// planted or copied manifest must not make `verify` read, or a restore
    /// use, another run's objects.
    private func mismatch(_ manifest: ArtifactManifest, location: RunLocation) -> String? {
        if manifest.format > ArtifactManifest.currentFormat {
            return "its format \(manifest.format) is newer than the format this version of blueprint reads (\(ArtifactManifest.currentFormat)); upgrade blueprint"
        }
        if manifest.run != location.run || manifest.app != location.app || manifest.action != location.action {
            return "it describes run \(manifest.run) of \(manifest.app)/\(manifest.action), but lies in the folder of run \(location.run) of \(location.app)/\(location.action)"
        }
        for object in manifest.objects {
            if (try? RunLocation.validate(artifactName: object.name)) == nil {
                return "artifact name \"\(object.name)\" is not a valid name"
            }
            if object.key != location.key(prefix: prefix, name: object.name) {
                return "artifact \"\(object.name)\" points at \(object.key), outside the run's folder \(location.folder(prefix: prefix))"
            }
        }
        return nil
    }

    /// Opens an artifact as a stream that checks size and SHA-256 against the
    /// manifest as it is read; the final read throws if they differ.
    public func open(run: String, name: String) async throws -> ByteStream {
        let manifest = try await manifest(run: run)
        guard let object = manifest.object(named: name) else {
            throw ArtifactError.artifactNotFound(run: run, name: name)
        }
        return try await open(object, run: run)
    }

    func open(_ object: ArtifactManifest.Object, run: String) async throws -> ByteStream {
        let digest = StreamDigest()
        return try await store.get(key: object.key).digesting(into: digest) {
            let (sha256, size) = digest.finish()
            if size != object.size {
                throw ArtifactError.sizeMismatch(run: run, name: object.name, key: object.key, expected: object.size, actual: size)
            }
            if sha256 != object.sha256 {
                throw ArtifactError.checksumMismatch(
                    run: run, name: object.name, key: object.key, expected: object.sha256, actual: sha256)
            }
        }
    }

    /// Re-reads every object of a run and checks it against the manifest.
    public func verify(run: String) async throws -> VerifyReport {
        let manifest = try await manifest(run: run)
        return try await verify(manifest)
    }

    /// Re-reads every object a manifest lists; see ``verify(run:)``.
    public func verify(_ manifest: ArtifactManifest) async throws -> VerifyReport {
        let run = manifest.run
        var results: [VerifyReport.Result] = []
        for object in manifest.objects {
            do {
                for try await _ in try await open(object, run: run) {}
                results.append(.init(object: object, problem: nil))
            } catch let error as ArtifactError {
                results.append(.init(object: object, problem: error.description))
            } catch let ObjectStoreError.notFound(_, _, key) {
                results.append(.init(object: object, problem: "artifact \"\(object.name)\" of run \(run) is missing: \(key) does not exist"))
            }
        }
        return VerifyReport(manifest: manifest, results: results)
    }

    // MARK: Deleting

    /// Deletes a run: the manifest first, so an interrupted delete leaves an
    /// incomplete run (pruned later) rather than a manifest pointing at nothing.
    /// A corrupt run is deleted too, by the objects found in its folder, which
    /// is the repair for it.
    @discardableResult
    public func delete(run: String) async throws -> RunListing {
        let listing = try await find(run: run)
        try await delete(listing)
        return listing
    }

    func delete(_ listing: RunListing) async throws {
        let manifestKey = listing.location.manifestKey(prefix: prefix)
        if listing.objects.contains(where: { $0.key == manifestKey }) { try await store.delete(key: manifestKey) }
        try await store.deleteMany(keys: listing.objects.map(\.key).filter { $0 != manifestKey })
    }

    /// Retention. For each app and action, keeps the newest `keepLast` complete
    /// runs and every complete run newer than `now - olderThan`; deletes the other
    /// complete runs. Runs without a manifest whose newest object is older than the
    /// cutoff are leftovers of failed runs and are deleted too; younger ones may
    /// still be in progress and are kept.
    public func prune(keepLast: Int, olderThan: Duration, dryRun: Bool, now: Date = Date()) async throws -> PrunePlan {
        let cutoff = now.addingTimeInterval(-Self.seconds(olderThan))
        let runs = try await scan()
        var decisions: [PrunePlan.Decision] = []
        let complete = Dictionary(grouping: runs.filter { $0.manifest != nil }) {
            "\($0.location.app)/\($0.location.action)"
        }
        for group in complete.keys.sorted() {
            let sorted = complete[group]!.sorted { $0.manifest!.time > $1.manifest!.time }
            for (rank, run) in sorted.enumerated() {
                let time = run.manifest!.time
                let reason: String
                let keep: Bool
                if rank < keepLast {
                    keep = true
                    reason = "one of the newest \(keepLast) of \(group)"
                } else if time > cutoff {
                    keep = true
                    reason = "newer than the cutoff"
                } else {
                    keep = false
                    reason = "older than the cutoff and not among the newest \(keepLast) of \(group)"
                }
                decisions.append(.init(run: run, time: time, complete: true, delete: !keep, reason: reason))
            }
        }
        for run in runs {
            guard let corruption = run.corruption else { continue }
            // Deleting what cannot be read would hide the problem; keeping it
            // silently would keep it forever. Report it and let a person decide.
            decisions.append(.init(
                run: run, time: run.newestObjectTime, complete: false, delete: false,
                reason: "skipped: \(corruption); inspect it with `blueprint artifacts show \(run.location.run)`, remove it with `blueprint artifacts delete \(run.location.run)`"))
        }
        for run in runs where run.manifest == nil && run.corruption == nil {
            let time = run.newestObjectTime
            let old = time <= cutoff
            decisions.append(.init(
                run: run, time: time, complete: false, delete: old,
                reason: old ? "incomplete run (no manifest) older than the cutoff: leftover of a failed run"
                    : "incomplete run (no manifest) newer than the cutoff: may still be in progress"))
        }
        if !dryRun {
            for decision in decisions where decision.delete { try await delete(decision.run) }
        }
        return PrunePlan(cutoff: cutoff, dryRun: dryRun, decisions: decisions)
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        TimeInterval(duration.components.seconds) + TimeInterval(duration.components.attoseconds) / 1e18
    }
}

/// One run as found in the store: its place, its objects, its manifest if complete.
public struct RunListing: Sendable {
    public var location: RunLocation
    public var manifest: ArtifactManifest?
    public var objects: [ObjectInfo]
    /// Set when the run has a manifest that cannot be trusted (then `manifest` is nil).
    public var corruption: ManifestCorruption?
    public var isComplete: Bool { manifest != nil }
    public var isCorrupt: Bool { corruption != nil }

    public init(location: RunLocation, manifest: ArtifactManifest?, objects: [ObjectInfo], corruption: ManifestCorruption? = nil) {
        self.location = location
        self.manifest = manifest
        self.objects = objects
        self.corruption = corruption
    }

    /// When the run last changed: its newest object.
    public var newestObjectTime: Date { objects.compactMap(\.lastModified).max() ?? .distantPast }
}

/// The outcome of `verify`: one line per artifact.
public struct VerifyReport: Sendable {
    public struct Result: Sendable {
        public var object: ArtifactManifest.Object
        /// `nil` when the object matches its manifest entry.
        public var problem: String?
    }

    public var manifest: ArtifactManifest
    public var results: [Result]
    public var isValid: Bool { results.allSatisfy { $0.problem == nil } }
}

/// What `prune` keeps and deletes, and why.
public struct PrunePlan: Sendable {
    public struct Decision: Sendable {
        public var run: RunListing
        public var time: Date
        public var complete: Bool
        public var delete: Bool
        public var reason: String
    }

    public var cutoff: Date
    public var dryRun: Bool
    public var decisions: [Decision]
    public var deleted: [Decision] { decisions.filter(\.delete) }
    public var kept: [Decision] { decisions.filter { !$0.delete && !$0.run.isCorrupt } }
    /// Corrupt runs, left alone and reported.
    public var skipped: [Decision] { decisions.filter { $0.run.isCorrupt } }
}
