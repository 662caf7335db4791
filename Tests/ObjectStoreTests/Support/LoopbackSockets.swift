import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Loopback sockets for connection-failure tests: a port where nothing listens,
/// and a server that accepts connections and never answers.
enum LoopbackSockets {
    /// A TCP socket bound to 127.0.0.1 on a port the kernel picked; listening
    /// if asked. Connections complete in the kernel's backlog even though nobody
    /// calls `accept`, and then nothing is ever sent: a stalled server.
    static func bind(listening: Bool) throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, !listening || Glibc.listen(fd, 16) == 0 else {
            close(fd)
            throw TestFailure("bind/listen on 127.0.0.1 failed: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            close(fd)
            throw TestFailure("getsockname failed: errno \(errno)")
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}

/// A loopback port where connections are refused. The port stays bound (not
/// listening) while this lives, so no test running in parallel can be handed
/// it and answer there instead.
final class ClosedPort: Sendable {
    let port: Int
    private let fd: Int32

    init() throws {
        (fd, port) = try LoopbackSockets.bind(listening: false)
    }

    func close() { _ = Glibc.close(fd) }
}

/// A server that accepts TCP connections on loopback and never answers.
final class SilentServer: Sendable {
    let port: Int
    private let fd: Int32

    init() throws {
        (fd, port) = try LoopbackSockets.bind(listening: true)
    }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    func close() { _ = Glibc.close(fd) }
}
