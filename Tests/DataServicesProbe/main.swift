// The data-service core in a process of its own.
//
//   data-services-probe lock <engine> <host> <port> <user> <database> <passwordEnv> <leaseSeconds>
//     Takes a FsyncLock, prints "LOCKED <client pid>" and holds it until killed or stdin ends: tests
//     prove what happens to the lock when its owner dies by SIGKILL.
//   data-services-probe dump <sha256|devnull> <host> <port> <user> <database> <passwordEnv> [format]
//     Streams pg_dump (custom format by default) through DumpStream into a sink and prints
//     "bytes=<n> seconds=<s> sha256=<hex>": Benchmarks/pgdump-bench.sh measures it.
import BlueprintFunctions
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("data-services-probe: \(message)\n".utf8))
    exit(1)
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "lock":
    guard arguments.count == 8, let engine = DatabaseEngine(rawValue: arguments[1]),
          let port = Int(arguments[3]), let lease = Int(arguments[7]) else {
        fail("usage: lock engine host port user database passwordEnv leaseSeconds")
    }
    let connection = DatabaseConnection(
        engine: engine, host: arguments[2], port: port, user: arguments[4], database: arguments[5],
        password: .environment(arguments[6])
    )
    do {
        let handle = try await LockHolder.acquire(connection: connection, lease: .seconds(lease))
        // Straight to the pipe: print's buffer is not flushed for a pipe.
        FileHandle.standardOutput.write(Data("LOCKED \(handle.record.client?.pid ?? 0)\n".utf8))
        // Hold until stdin ends: the test's end (even a crash) closes it, so a probe
        // never outlives its test. Blocking one thread is fine in this tiny process.
        _ = await Task.detached { FileHandle.standardInput.readDataToEndOfFile() }.value
        exit(0)
    } catch {
        fail("\(error)")
    }
case "dump":
    guard [7, 8].contains(arguments.count), ["sha256", "devnull", "stdout"].contains(arguments[1]), let port = Int(arguments[3]),
          let format = DumpFormat(rawValue: arguments.count == 8 ? arguments[7] : "custom") else {
        fail("usage: dump sha256|devnull|stdout host port user database passwordEnv [custom|plain|tar]")
    }
    let connection = DatabaseConnection(
        engine: .postgresql, host: arguments[2], port: port, user: arguments[4], database: arguments[5],
        password: .environment(arguments[6])
    )
    let toDevNull = arguments[1] != "sha256"
    let devNull = arguments[1] == "stdout" ? FileHandle.standardOutput : FileHandle(forWritingAtPath: "/dev/null")!
    do {
        let started = ContinuousClock.now
        let result = try await DumpStream.pgDump(connection: connection, format: format).run { chunks in
            for try await chunk in chunks where toDevNull {
                chunk.withUnsafeReadableBytes { devNull.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0.baseAddress!), count: $0.count, deallocator: .none)) }
            }
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        FileHandle.standardError.write(Data("bytes=\(result.summary.bytes) seconds=\(seconds) sha256=\(result.summary.sha256)\n".utf8))
    } catch {
        fail("\(error)")
    }
default:
    fail("usage: data-services-probe lock|dump …")
}
