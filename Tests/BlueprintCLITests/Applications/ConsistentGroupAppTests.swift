import ChildProcesses
import Foundation
import Testing

extension ApplicationsIntegration {
    /// A consistent group across an app's components: `blueprint run snapshot --app
    /// shop` over a PostgreSQL and a MariaDB StatefulSet whose catalog `snapshot`
    /// actions mark their phases `consistency: freeze/snapshot/thaw`. The real
    /// servers are frozen (pg_backup_start in a held session; FLUSH TABLES WITH READ
    /// LOCK) through the pods; the test plays the CSI snapshot controller: it marks
    /// each VolumeSnapshot cut (`status.creationTime`) at once and ready only once
    /// both thaws are in the journal, so the thaws came when the snapshots were cut.
    @Suite(.enabled(if: AppCluster.enabled && PostgresForApp.enabled && MariaDBForApp.enabled), .serialized)
    struct ConsistentGroupAppTests {
        static let environment = ProcessInfo.processInfo.environment

        /// Plays the snapshot controller in `ns` from a process of its own (a shell
        /// loop of kubectl calls): while the group holds MariaDB's global read lock,
        /// other suites' blocking clients may hold every thread of this test process,
        /// and the engine must not depend on this process to get its snapshot cut.
        /// Each VolumeSnapshot is marked cut at once; ready either `readyDelay`
        /// seconds later or — with `readyAfterThaws` (a BLUEPRINT_HOME) — only once
        /// that home's journal shows both components' thaw phases succeeded, so a
        /// thaw that waited for readyToUse would never come. Its name and the time
        /// go to `readyFile`. One of PVC `failing` gets `status.error` instead.
        struct SnapshotController {
            let process: ChildProcess
            let readyFile: String

            static let script = #"""
                ns=$1 delay=$2 failing=$3 out=$4 home=$5
                thawed() {
                  python3 - "$home" <<'PY'
                import glob, json, sys
                done = set()
                for path in glob.glob(sys.argv[1] + "/runs/*.json"):
                    try:
                        run = json.load(open(path))
                    except Exception:
                        continue
                    for phase in run.get("phases", []):
                        if phase.get("name") in ("stopBackup", "thaw") and phase.get("state") == "succeeded":
                            done.add(phase["name"])
                sys.exit(0 if done == {"stopBackup", "thaw"} else 1)
                PY
                }
                : > "$out.seen"
                while true; do
                  kubectl get volumesnapshots -n "$ns" -o jsonpath='{range .items[*]}{.metadata.name} {.spec.source.persistentVolumeClaimName}{"\n"}{end}' 2>/dev/null > "$out.list"
                  while read -r name pvc; do
                    [ -n "$name" ] || continue
                    grep -qx "$name" "$out.seen" && continue
                    echo "$name" >> "$out.seen"
                    now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
                    if [ "$pvc" = "$failing" ]; then
                      kubectl patch volumesnapshot "$name" -n "$ns" --subresource=status --type=merge \
                        -p "{\"status\":{\"error\":{\"message\":\"simulated CSI driver failure\",\"time\":\"$now\"}}}" >/dev/null
                    else
                      kubectl patch volumesnapshot "$name" -n "$ns" --subresource=status --type=merge \
                        -p "{\"status\":{\"creationTime\":\"$now\",\"readyToUse\":false}}" >/dev/null
                      ( if [ "$home" = - ]; then sleep "$delay"; else until thawed; do sleep 0.1; done; fi
                        echo "$name $(date +%s.%N)" >> "$out"
                        kubectl patch volumesnapshot "$name" -n "$ns" --subresource=status --type=merge \
                          -p '{"status":{"readyToUse":true,"restoreSize":"1Gi"}}' >/dev/null ) &
                    fi
                  done < "$out.list"
                  sleep 0.15
                done
                """#

            init(namespace ns: String, readyDelay: Double = 0, readyAfterThaws home: String? = nil, failing: String?,
                 directory: String) throws {
                readyFile = directory + "/snapshots-ready"
                process = try ChildProcess.spawn(
                    ProcessCommand("bash", ["-c", Self.script, "snapshot-controller", ns, String(readyDelay), failing ?? "-", readyFile,
                                                    home ?? "-"],
                                   environment: .inherited(adding: ["KUBECONFIG": AppCluster.kubeconfig ?? ""])),
                    stdout: .null, stderr: .null)
            }

            func stop() async {
                process.terminate(gracePeriod: .seconds(1))
                _ = await process.wait()
            }

            /// Snapshot name → when it was marked ready.
            var readyAt: [String: Date] {
                let text = (try? String(contentsOfFile: readyFile, encoding: .utf8)) ?? ""
                return Dictionary(text.split(separator: "\n").compactMap { line -> (String, Date)? in
                    let fields = line.split(separator: " ")
                    guard fields.count == 2, let seconds = Double(fields[1]) else { return nil }
                    return (String(fields[0]), Date(timeIntervalSince1970: seconds))
                }, uniquingKeysWith: { a, _ in a })
            }
        }

        static func arguments(_ shop: ApplicationBackupTests.Shop) -> [String] {
            CatalogApp.arguments(namespace: shop.namespace) + shop.options
                + ["--option", "pg:pvc=data-pg", "--option", "mariadb:pvc=data-mariadb", "--option", "snapshotClass=csi-test", "-o", "json"]
        }

        /// RFC 3339 with up to nanoseconds, as the journal writes it.
        static func date(_ value: Any?) -> Date? {
            guard let text = value as? String, text.hasSuffix("Z") else { return nil }
            let body = text.dropLast()
            let (whole, fraction) = body.contains(".")
                ? (String(body.split(separator: ".")[0]), Double("0." + body.split(separator: ".")[1]) ?? 0) : (String(body), 0)
            let formatter = ISO8601DateFormatter()
            return formatter.date(from: whole + "Z").map { $0.addingTimeInterval(fraction) }
        }

        /// (component, phase) → (started, finished) from the runs of `run -o json`.
        static func phaseTimes(_ report: [String: Any]) -> [String: (start: Date, end: Date)] {
            var times: [String: (start: Date, end: Date)] = [:]
            for run in report["runs"] as? [[String: Any]] ?? [] {
                let component = (run["target"] as? String ?? "").split(separator: "/").last.map(String.init) ?? "?"
                for phase in run["phases"] as? [[String: Any]] ?? [] {
                    if let start = date(phase["startedAt"]), let end = date(phase["finishedAt"]) {
                        times["\(component).\(phase["name"] as? String ?? "")"] = (start, end)
                    }
                }
            }
            return times
        }

        /// Nothing of the group is still frozen: no pg_backup_start session is left on
        /// the app's database (a backend ends a moment after its client: waited for,
        /// up to 60 s; the lease would hold it 5 minutes), and MariaDB takes a write
        /// within 60 s (another suite may hold its own lock briefly; ours would hold for
        /// its 5-minute lease).
        static func expectThawed(_ shop: ApplicationBackupTests.Shop, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let deadline = Date().addingTimeInterval(60)
            var sessions = ""
            repeat {
                sessions = try await PostgresForApp.psqlAsync(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'blueprint-fsynclock' "
                        + "AND datname = '\(shop.pgDatabase)'")
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                if sessions == "0" { break }
                try await Task.sleep(for: .milliseconds(250))
            } while Date() < deadline
            #expect(sessions == "0", "a PostgreSQL lock session is left", sourceLocation: sourceLocation)
            try await MariaDBForApp.sqlAsync("SET SESSION lock_wait_timeout = 60; INSERT INTO items VALUES (100001, 'after the group')",
                                  database: shop.mariaDatabase)
        }

        @Test func everyFreezeComesBeforeTheFirstSnapshotAndEveryThawAfterTheLastCutNotAfterReady() async throws {
            let shop = try await ApplicationBackupTests.shop()
            defer { shop.dropLater() }
            let cli = CLI()
            let controller = try SnapshotController(namespace: shop.namespace, readyAfterThaws: cli.home, failing: nil,
                                                    directory: cli.directory.path)
            let result = try await cli.run(["run", "snapshot", "--with-definitions"] + Self.arguments(shop), timeout: 240,
                                           environment: ["PATH": "/nonexistent"])
            await controller.stop()
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let report = ApplicationBackupTests.json(result.stdout)
            // --with-definitions: a snapshot run captures the app's objects as a backup does.
            let definitions = (report["application"] as? [String: Any])?["definitions"] as? [String: Any]
            #expect((definitions?["counts"] as? [String: Any])?["StatefulSet"] as? Int == 2, "\(definitions ?? [:])")
            let times = Self.phaseTimes(report)
            let freezes = [times["pg.startBackup"], times["mariadb.freeze"]].compactMap { $0 }
            let snapshots = [times["pg.snapshotVolume"], times["mariadb.snapshotVolume"]].compactMap { $0 }
            let thaws = [times["pg.stopBackup"], times["mariadb.thaw"]].compactMap { $0 }
            #expect(freezes.count == 2 && snapshots.count == 2 && thaws.count == 2, "\(times.keys.sorted())")
            guard freezes.count == 2, snapshots.count == 2, thaws.count == 2 else { return }
            #expect(freezes.map(\.end).max()! <= snapshots.map(\.start).min()!, "a snapshot began before every freeze ended")
            #expect(snapshots.map(\.end).max()! <= thaws.map(\.start).min()!, "a thaw began before every snapshot was cut")
            // Thawed when cut: the snapshots became ready only after both thaws had
            // succeeded (the run would never end if a thaw waited for readyToUse).
            let readyAt = controller.readyAt
            #expect(readyAt.count == 2)
            #expect(thaws.map(\.end).max()! <= readyAt.values.min() ?? .distantPast, "a snapshot was ready before the thaws")
            // The artifacts name each component's snapshot.
            let components = (report["application"] as? [String: Any])?["components"] as? [[String: Any]] ?? []
            #expect(components.allSatisfy { ($0["artifacts"] as? [String: Any])?["volumeSnapshot"] != nil }, "\(components)")
            try await Self.expectThawed(shop)
        }

        @Test func aFailedSnapshotOfOneComponentStillThawsBoth() async throws {
            let shop = try await ApplicationBackupTests.shop()
            defer { shop.dropLater() }
            let cli = CLI()
            let controller = try SnapshotController(namespace: shop.namespace, readyDelay: 0.5, failing: "data-pg",
                                                    directory: cli.directory.path)
            let result = try await cli.run(["run", "snapshot"] + Self.arguments(shop), timeout: 240, environment: ["PATH": "/nonexistent"])
            await controller.stop()
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
            let report = ApplicationBackupTests.json(result.stdout)
            let application = report["application"] as? [String: Any] ?? [:]
            #expect(application["state"] as? String == "failed")
            #expect((application["error"] as? String ?? "").contains("consistent group broken"), "\(application)")
            let runs = report["runs"] as? [[String: Any]] ?? []
            let pg = runs.first { ($0["target"] as? String ?? "").hasSuffix("/pg") } ?? [:]
            let pgSnapshot = (pg["phases"] as? [[String: Any]] ?? []).first { $0["name"] as? String == "snapshotVolume" } ?? [:]
            #expect(pgSnapshot["state"] as? String == "failed")
            #expect((pgSnapshot["error"] as? String ?? "").contains("simulated CSI driver failure"), "\(pgSnapshot)")
            // Every freeze was undone: the runs' undos are done, and the servers say so.
            for run in runs {
                for undo in run["undos"] as? [[String: Any]] ?? [] {
                    #expect(undo["state"] as? String == "done", "\(run["target"] ?? ""): \(undo)")
                }
            }
            try await Self.expectThawed(shop)
        }
    }
}
