// Issue 11: our NIO-based ChildProcesses stack against swift-subprocess 1.0.2.
//
//   subprocess-bench MODE [--size BYTES] [--count N] [--pipe-size BYTES]
//
// Read modes run `head -c SIZE /dev/zero` and count every byte of its stdout
// (nothing is kept), then print bytes, seconds and MiB/s:
//   ours-read          ChildProcess.spawn + PipeChannels.reader, as DumpStream reads a dump
//   ours-run-read      ChildProcess.run(onOutput:), as an Exec phase reads its command
//                      (stdout and stderr; --pipe-size does not apply)
//   subprocess-read    Subprocess.run(output: .sequence) iterating execution.standardOutput
//   raw-read           ChildProcess.spawn + blocking read(2) of 256 KiB: the ceiling
// Spawn modes start `/bin/true` COUNT times, one after another, each reaped
// before the next, and print mean/p50/p99 microseconds per spawn+reap:
//   ours-spawn         ChildProcess.spawn (stdio /dev/null) + wait()
//   ours-run-spawn     ChildProcess.run (stdout/stderr piped through NIO) — Exec's path
//   subprocess-spawn   Subprocess.run(output: .discarded, error: .discarded)
//   subprocess-run-spawn  Subprocess.run with stdout and stderr as .sequence, drained
//
// Both stacks start the child the same way where they can: its own process
// group (ours always; Subprocess via platformOptions.processGroupID = 0), every
// inherited descriptor above 2 closed, default signal dispositions.
//
// --pipe-size grows the stdout pipe (F_SETPIPE_SZ) before reading; 0 (default)
// keeps the kernel's 64 KiB. Ours grows the parent's end, as DumpStream does
// (1 MiB). Subprocess 1.0.2 does not expose the descriptor, so the benchmark
// reopens the child's end through /proc/PID/fd/1 to resize the same pipe.
import ChildProcesses
import Foundation
import NIOCore
import Subprocess
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Arguments

struct Options {
    var mode = ""
    var size = 1 << 30
    var count = 500
    var pipeSize = 0
}

func usage() -> Never {
    FileHandle.standardError.write(Data("""
    usage: subprocess-bench MODE [--size BYTES] [--count N] [--pipe-size BYTES]
      read modes:  ours-read | ours-run-read | subprocess-read | raw-read
      spawn modes: ours-spawn | ours-run-spawn | subprocess-spawn | subprocess-run-spawn
    BYTES takes a K/M/G suffix (powers of 1024).

    """.utf8))
    exit(2)
}

func parseBytes(_ text: String) -> Int? {
    let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
    if let last = text.last?.uppercased().first, let unit = units[last] {
        return Int(text.dropLast()).map { $0 * unit }
    }
    return Int(text)
}

func orUsage(_ value: Int?) -> Int {
    guard let value, value >= 0 else { usage() }
    return value
}

func parseOptions() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst()
    guard let mode = arguments.popFirst() else { usage() }
    options.mode = mode
    while let flag = arguments.popFirst() {
        guard let value = arguments.popFirst() else { usage() }
        switch flag {
        case "--size": options.size = orUsage(parseBytes(value))
        case "--count": options.count = orUsage(Int(value))
        case "--pipe-size": options.pipeSize = orUsage(parseBytes(value))
        default: usage()
        }
    }
    return options
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// MARK: - Reading

let head = "/usr/bin/head"

final class ByteCounter: Sendable {
    let value = Atomic<Int>(0)
    func add(_ bytes: Int) { value.add(bytes, ordering: .relaxed) }
    var total: Int { value.load(ordering: .relaxed) }
}

/// The largest single read handed to the consumer (shows the pipe size took effect).
final class LargestRead: Sendable {
    let value = Atomic<Int>(0)
    func record(_ bytes: Int) { value.max(bytes, ordering: .relaxed) }
    var largest: Int { value.load(ordering: .relaxed) }
}

let largestRead = LargestRead()

func headCommand(_ size: Int) -> ProcessCommand {
    ProcessCommand(head, ["-c", String(size), "/dev/zero"])
}

/// DumpStream's way: spawn, stderr drained to a bounded tail, stdout through a
/// NIO pipe channel with back-pressure.
func oursRead(_ options: Options) async throws -> Int {
    let child = try ChildProcess.spawn(headCommand(options.size), stdin: .null, stdout: .pipe, stderr: .pipe)
    if options.pipeSize > 0 { PosixSpawn.growPipe(child.stdout!, to: Int32(options.pipeSize)) }
    async let stderrTail = OutputTail.drain(child.stderr)
    var total = 0
    let channel = try await PipeChannels.reader(child.stdout!)
    try await channel.executeThenClose { inbound, _ in
        for try await buffer in inbound {
            total += buffer.readableBytes
            largestRead.record(buffer.readableBytes)
        }
    }
    let status = await child.wait()
    _ = await stderrTail
    guard status.succeeded else { throw BenchError("head: \(status)") }
    return total
}

/// An Exec phase's way: ChildProcess.run hands each read to an async callback.
/// It does not expose the pipe, so --pipe-size does not apply (kernel default).
func oursRunRead(_ options: Options) async throws -> Int {
    let counter = ByteCounter()
    let status = try await ChildProcess.run(headCommand(options.size), killGracePeriod: .seconds(5)) { stream, buffer in
        if stream == .stdout {
            counter.add(buffer.readableBytes)
            largestRead.record(buffer.readableBytes)
        }
    }
    guard status.succeeded else { throw BenchError("head: \(status)") }
    return counter.total
}

/// Resizes the pipe on the child's fd 1 (Subprocess keeps the parent's end private).
func growChildStdoutPipe(pid: pid_t, to bytes: Int) {
    #if os(Linux)
    let fd = open("/proc/\(pid)/fd/1", O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return }
    PosixSpawn.growPipe(fd, to: Int32(bytes))
    close(fd)
    #endif
}

func subprocessPlatformOptions() -> PlatformOptions {
    var platformOptions = PlatformOptions()
    platformOptions.processGroupID = 0  // its own process group, as ours
    return platformOptions
}

func subprocessRead(_ options: Options) async throws -> Int {
    let result = try await Subprocess.run(
        .path("/usr/bin/head"),
        arguments: ["-c", String(options.size), "/dev/zero"],
        platformOptions: subprocessPlatformOptions(),
        input: .none,
        output: .sequence,
        error: .discarded
    ) { execution in
        if options.pipeSize > 0 { growChildStdoutPipe(pid: execution.processIdentifier.value, to: options.pipeSize) }
        var total = 0
        for try await buffer in execution.standardOutput {
            total += buffer.count
            largestRead.record(buffer.count)
        }
        return total
    }
    guard result.terminationStatus.isSuccess else { throw BenchError("head: \(result.terminationStatus)") }
    return result.closureResult
}

/// The ceiling: no event loop, one thread blocked in read(2).
func rawRead(_ options: Options) async throws -> Int {
    let child = try ChildProcess.spawn(headCommand(options.size), stdin: .null, stdout: .pipe, stderr: .null)
    let fd = child.stdout!
    if options.pipeSize > 0 { PosixSpawn.growPipe(fd, to: Int32(options.pipeSize)) }
    let chunk = 256 << 10
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
    defer { buffer.deallocate() }
    var total = 0
    while true {
        let n = read(fd, buffer, chunk)
        if n > 0 { total += n; largestRead.record(n); continue }
        if n < 0 && errno == EINTR { continue }
        break
    }
    close(fd)
    let status = await child.wait()
    guard status.succeeded else { throw BenchError("head: \(status)") }
    return total
}

// MARK: - Spawning

let trueCommand = ProcessCommand("/bin/true")

/// Time spent in ChildProcess.spawn alone (the rest of a round is wait()'s poll).
nonisolated(unsafe) var spawnCallSamples: [Double] = []

func oursSpawn() async throws {
    let clock = ContinuousClock()
    let start = clock.now
    let child = try ChildProcess.spawn(trueCommand, stdin: .null, stdout: .null, stderr: .null)
    spawnCallSamples.append(seconds(clock.now - start) * 1e6)
    let status = await child.wait()
    guard status.succeeded else { throw BenchError("true: \(status)") }
}

func oursRunSpawn() async throws {
    let status = try await ChildProcess.run(trueCommand, killGracePeriod: .seconds(5)) { _, _ in }
    guard status.succeeded else { throw BenchError("true: \(status)") }
}

func subprocessSpawn() async throws {
    let result = try await Subprocess.run(
        .path("/bin/true"), platformOptions: subprocessPlatformOptions(), output: .discarded, error: .discarded
    )
    guard result.terminationStatus.isSuccess else { throw BenchError("true: \(result.terminationStatus)") }
}

func subprocessRunSpawn() async throws {
    let result = try await Subprocess.run(
        .path("/bin/true"), platformOptions: subprocessPlatformOptions(),
        input: .none, output: .sequence, error: .sequence
    ) { execution in
        async let errors: Void = { for try await _ in execution.standardError {} }()
        for try await _ in execution.standardOutput {}
        try await errors
    }
    guard result.terminationStatus.isSuccess else { throw BenchError("true: \(result.terminationStatus)") }
}

// MARK: - Main

func seconds(_ duration: Duration) -> Double {
    let (s, attoseconds) = duration.components
    return Double(s) + Double(attoseconds) / 1e18
}

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

func measureRead(_ options: Options, _ body: (Options) async throws -> Int) async throws {
    let clock = ContinuousClock()
    let start = clock.now
    let bytes = try await body(options)
    let elapsed = seconds(clock.now - start)
    guard bytes == options.size else { throw BenchError("read \(bytes) bytes, expected \(options.size)") }
    print("mode=\(options.mode) bytes=\(bytes) seconds=\(format(elapsed, 3)) mib_per_s=\(format(Double(bytes) / 1048576 / elapsed))"
          + " pipe_size=\(options.pipeSize) largest_read=\(largestRead.largest)")
}

func measureSpawn(_ options: Options, _ body: () async throws -> Void) async throws {
    let clock = ContinuousClock()
    // A few unmeasured rounds start the event loops, monitor threads and caches.
    for _ in 0..<5 { try await body() }
    var samples: [Double] = []
    samples.reserveCapacity(options.count)
    for _ in 0..<options.count {
        let start = clock.now
        try await body()
        samples.append(seconds(clock.now - start) * 1e6)
    }
    samples.sort()
    let mean = samples.reduce(0, +) / Double(samples.count)
    func percentile(_ samples: [Double], _ p: Double) -> Double {
        samples[max(0, min(samples.count - 1, Int((p * Double(samples.count)).rounded(.up)) - 1))]
    }
    var line = "mode=\(options.mode) count=\(samples.count) mean_us=\(format(mean)) p50_us=\(format(percentile(samples, 0.50)))"
        + " p99_us=\(format(percentile(samples, 0.99))) min_us=\(format(samples.first!)) max_us=\(format(samples.last!))"
    if !spawnCallSamples.isEmpty {
        let calls = spawnCallSamples.suffix(samples.count).sorted()
        line += " spawn_call_p50_us=\(format(percentile(calls, 0.50))) spawn_call_p99_us=\(format(percentile(calls, 0.99)))"
    }
    print(line)
}

let options = parseOptions()
do {
    switch options.mode {
    case "ours-read": try await measureRead(options, oursRead)
    case "ours-run-read":
        var options = options
        options.pipeSize = 0  // ChildProcess.run keeps its pipes to itself
        try await measureRead(options, oursRunRead)
    case "subprocess-read": try await measureRead(options, subprocessRead)
    case "raw-read": try await measureRead(options, rawRead)
    case "ours-spawn": try await measureSpawn(options, oursSpawn)
    case "ours-run-spawn": try await measureSpawn(options, oursRunSpawn)
    case "subprocess-spawn": try await measureSpawn(options, subprocessSpawn)
    case "subprocess-run-spawn": try await measureSpawn(options, subprocessRunSpawn)
    default: usage()
    }
} catch {
    FileHandle.standardError.write(Data("subprocess-bench \(options.mode): \(error)\n".utf8))
    exit(1)
}
