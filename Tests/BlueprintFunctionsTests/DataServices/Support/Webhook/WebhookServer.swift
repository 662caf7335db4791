import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A real HTTP(S) server on 127.0.0.1 for the Webhook tests: it records each
/// request and answers with the status named in the path (`/status/500`); for
/// `/sequence/500,200` the n-th request to that path gets the n-th status (the last
/// one repeats); 200 otherwise. `/stall…` is read and never answered (a receiver
/// that hangs).
final class WebhookServer: Sendable {
    struct Received: Sendable {
        var method: String
        var uri: String
        var headers: [(String, String)]
        var body: String
    }

    let channel: any Channel
    private let log = Mutex<[Received]>([])

    var port: Int { channel.localAddress!.port! }
    var requests: [Received] { log.withLock { $0 } }

    init(tls: NIOSSLContext? = nil) async throws {
        let box = Mutex<WebhookServer?>(nil)
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler { received in
                        box.withLock { $0 }?.log.withLock { log in
                            log.append(received)
                            return log.filter { $0.uri == received.uri }.count
                        } ?? 1
                    })
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        box.withLock { $0 = self }
    }

    func stop() async { try? await channel.close() }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        /// Records a request; returns how many requests that path has had so far.
        let record: @Sendable (Received) -> Int
        var head: HTTPRequestHead?
        var body = ByteBuffer()

        init(record: @escaping @Sendable (Received) -> Int) { self.record = record }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body.clear()
            case .body(var chunk):
                body.writeBuffer(&chunk)
            case .end:
                guard let head else { return }
                let count = record(Received(
                    method: head.method.rawValue, uri: head.uri,
                    headers: head.headers.map { ($0.name, $0.value) }, body: String(buffer: body)
                ))
                if head.uri.hasPrefix("/stall") { return }
                var status = 200
                if head.uri.hasPrefix("/status/"), let code = Int(head.uri.dropFirst(8)) { status = code }
                if head.uri.hasPrefix("/sequence/") {
                    let codes = head.uri.dropFirst(10).split(separator: ",").compactMap { Int($0) }
                    if let last = codes.last { status = count <= codes.count ? codes[count - 1] : last }
                }
                let answer = ByteBuffer(string: "answer to \(head.uri)")
                var headers = HTTPHeaders()
                headers.add(name: "Content-Length", value: String(answer.readableBytes))
                context.write(wrapOutboundOut(.head(HTTPResponseHead(
                    version: head.version, status: HTTPResponseStatus(statusCode: status), headers: headers
                ))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(answer))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}

/// A self-signed certificate for 127.0.0.1 made with openssl: a CA nobody trusts.
struct SelfSignedCertificate {
    let certificatePEM: String
    let keyPEM: String

    static func make() throws -> SelfSignedCertificate {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("webhook-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cert = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", key, "-out", cert,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("openssl req failed") }
        return SelfSignedCertificate(
            certificatePEM: try String(contentsOfFile: cert, encoding: .utf8),
            keyPEM: try String(contentsOfFile: key, encoding: .utf8)
        )
    }

    func serverContext() throws -> NIOSSLContext {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem))
        )
        return try NIOSSLContext(configuration: configuration)
    }
}
