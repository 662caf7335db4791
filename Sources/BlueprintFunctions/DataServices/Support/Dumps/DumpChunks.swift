import NIOCore
import ObjectStore

/// A dump's bytes as they come out of the client: chunks of up to 1 MiB, pulled
/// on demand. While the consumer is busy, NIO stops reading the pipe and the
/// client blocks in `write`, so memory stays bounded however large the dump is.
/// Single pass; the size and SHA-256 are computed on the way.
public struct DumpChunks: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    let inbound: ByteStream
    let tally: StreamDigest

    init(_ inbound: ByteStream, tally: StreamDigest) {
        self.inbound = inbound
        self.tally = tally
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: ByteStream.AsyncIterator
        let tally: StreamDigest

        public mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await base.next() else {
                tally.finish()
                return nil
            }
            tally.update(chunk)
            return chunk
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: inbound.makeAsyncIterator(), tally: tally)
    }
}
