import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// What part of a container's log to read.
public struct LogOptions: Sendable, Equatable {
    public var container: String?
    /// Keep the stream open and deliver new output as the container writes it.
    public var follow: Bool
    public var tailLines: Int?
    public var sinceSeconds: Int?
    public var previous: Bool
    public var timestamps: Bool

    public init(container: String? = nil, follow: Bool = false, tailLines: Int? = nil, sinceSeconds: Int? = nil,
                previous: Bool = false, timestamps: Bool = false) {
        self.container = container
        self.follow = follow
        self.tailLines = tailLines
        self.sinceSeconds = sinceSeconds
        self.previous = previous
        self.timestamps = timestamps
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let container { items.append(("container", container)) }
        if follow { items.append(("follow", "true")) }
        if let tailLines { items.append(("tailLines", String(tailLines))) }
        if let sinceSeconds { items.append(("sinceSeconds", String(sinceSeconds))) }
        if previous { items.append(("previous", "true")) }
        if timestamps { items.append(("timestamps", "true")) }
        return items
    }
}

/// Log bytes as the server sends them, pulled by the consumer (back-pressure
/// reaches the server through TCP). Ends when the container's log ends (or,
/// with `follow`, when the container stops or the consumer stops iterating).
public struct LogStream: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    let body: HTTPClientResponse.Body

    public func makeAsyncIterator() -> HTTPClientResponse.Body.AsyncIterator {
        body.makeAsyncIterator()
    }
}

extension KubernetesClient {
    /// Opens a pod's log (GET .../pods/NAME/log).
    public func logs(pod: String, namespace: String? = nil, options: LogOptions = LogOptions()) async throws -> LogStream {
        let ns = effectiveNamespace(.pods, namespace)
        let request = describe("get", .pods, namespace: ns, name: pod, subresource: "log")
        let target = APIPath.target(APIPath.path(.pods, namespace: ns, name: pod, subresource: "log"), options.queryItems)
        return LogStream(body: try await open(.GET, target: target, request: request).body)
    }

    /// The whole log as text (without follow); for short logs.
    public func logText(pod: String, namespace: String? = nil, container: String? = nil, tailLines: Int? = nil)
        async throws -> String
    {
        var text = ""
        for try await chunk in try await logs(pod: pod, namespace: namespace,
                                              options: LogOptions(container: container, tailLines: tailLines)) {
            text += String(buffer: chunk)
        }
        return text
    }
}
