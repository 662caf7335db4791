import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The events of a watch, read from the server as the consumer asks for them
/// (nothing is buffered beyond one HTTP chunk).
///
/// When the server ends the watch (its timeout), the stream reconnects from the
/// last resourceVersion it saw, so a consumer sees one continuous sequence. A
/// resourceVersion the server no longer has ends the stream with
/// `KubeError.watchExpired`: list again and watch from the list's version.
public struct WatchStream: AsyncSequence, Sendable {
    public typealias Element = WatchEvent

    let client: KubernetesClient
    let path: String
    let options: ListOptions
    let request: RequestDescription

    public func makeAsyncIterator() -> Iterator {
        Iterator(stream: self, resourceVersion: options.resourceVersion)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let stream: WatchStream
        var resourceVersion: String?
        var body: HTTPClientResponse.Body.AsyncIterator?
        var buffer = ByteBuffer()

        init(stream: WatchStream, resourceVersion: String?) {
            self.stream = stream
            self.resourceVersion = resourceVersion
        }

        public mutating func next() async throws -> WatchEvent? {
            while true {
                try Task.checkCancellation()
                if let line = nextLine() {
                    if let event = try parse(line) { return event }
                    continue
                }
                if body == nil {
                    var options = stream.options
                    options.resourceVersion = resourceVersion
                    var items = options.queryItems
                    items.insert(("watch", "true"), at: 0)
                    items.append(("allowWatchBookmarks", "true"))
                    let response = try await stream.client.open(.GET, target: APIPath.target(stream.path, items), request: stream.request)
                    body = response.body.makeAsyncIterator()
                }
                let chunk: ByteBuffer?
                do {
                    chunk = try await body?.next()
                } catch {
                    if Task.isCancelled { throw CancellationError() }
                    chunk = nil  // a dropped connection is resumed like a server timeout
                }
                if var chunk {
                    buffer.writeBuffer(&chunk)
                } else {
                    body = nil
                    buffer.clear()
                }
            }
        }

        private mutating func nextLine() -> ByteBuffer? {
            guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            let length = newline - buffer.readerIndex
            let line = buffer.readSlice(length: length)
            buffer.moveReaderIndex(forwardBy: 1)
            buffer.discardReadBytes()
            return line
        }

        private mutating func parse(_ line: ByteBuffer) throws -> WatchEvent? {
            guard line.readableBytes > 0 else { return nil }
            let (event, version) = try WatchStream.decode(line: Array(line.readableBytesView), request: stream.request)
            if let version { resourceVersion = version }
            return event
        }
    }

    /// Decodes one line of a watch response: the event (nil for bookmarks) and the
    /// resourceVersion to resume from. ERROR events become errors (410 → `watchExpired`).
    static func decode(line: [UInt8], request: RequestDescription) throws -> (WatchEvent?, String?) {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: Data(line))
        } catch {
            throw KubeError.invalidResponse(request, reason: "watch event is not JSON")
        }
        let type = json["type"]?.stringValue ?? ""
        let object = json["object"] ?? .null
        if type == "ERROR" {
            let code = object["code"]?.intValue ?? 0
            let message = object["message"]?.stringValue ?? ""
            if code == 410 { throw KubeError.watchExpired(request, message: message) }
            throw KubeError.api(APIFailure(request: request, statusCode: Int(code), reason: object["reason"]?.stringValue, message: message))
        }
        guard let eventType = WatchEvent.EventType(rawValue: type) else {
            throw KubeError.invalidResponse(request, reason: "unknown watch event type \(type)")
        }
        let kubeObject = KubeObject(object)
        return (eventType == .bookmark ? nil : WatchEvent(type: eventType, object: kubeObject), kubeObject.resourceVersion)
    }
}

extension KubernetesClient {
    /// Watches objects of a type (one object with `name`). Start from a list's
    /// `resourceVersion` to see exactly the changes after it; without one the server
    /// first sends the current objects as ADDED events.
    public func watch(_ type: ResourceType, namespace: String? = nil, allNamespaces: Bool = false, name: String? = nil,
                      options: ListOptions = ListOptions()) -> WatchStream
    {
        let ns = allNamespaces ? nil : effectiveNamespace(type, namespace)
        var options = options
        if let name {
            let byName = "metadata.name=\(name)"
            options.fieldSelector = options.fieldSelector.map { "\($0),\(byName)" } ?? byName
        }
        return WatchStream(client: self, path: APIPath.path(type, namespace: ns), options: options,
                           request: describe("watch", type, namespace: ns, name: name))
    }
}
