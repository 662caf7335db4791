import NIOCore

/// A dump's ``DumpChunks`` as the `[UInt8]` chunks an ``ArtifactSink`` stores,
/// still pulled on demand so the client is throttled by the upload.
struct ArtifactChunks: AsyncSequence, Sendable {
    typealias Element = [UInt8]
    let base: DumpChunks

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: DumpChunks.AsyncIterator

        mutating func next() async throws -> [UInt8]? {
            guard let buffer = try await base.next() else { return nil }
            return Array(buffer.readableBytesView)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator()) }
}
