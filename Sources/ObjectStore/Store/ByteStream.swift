import Foundation
import NIOCore

/// A type-erased, single-pass stream of byte chunks.
///
/// Every backend and the artifact layer speak this one type so that a producer
/// (a pod's stdout, a file, an HTTP body) can be handed to any store without
/// generic plumbing; chunks are pulled on demand, which gives back-pressure.
public struct ByteStream: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    private let makeNext: @Sendable () -> (() async throws -> ByteBuffer?)

    /// Wraps any sequence of `ByteBuffer` chunks.
    public init<S: AsyncSequence & Sendable>(_ sequence: S) where S.Element == ByteBuffer {
        makeNext = {
            let box = IteratorBox(sequence.makeAsyncIterator())
            return { try await box.next() }
        }
    }

    /// Wraps any sequence of `[UInt8]` chunks.
    public init<S: AsyncSequence & Sendable>(bytes sequence: S) where S.Element == [UInt8] {
        makeNext = {
            let box = IteratorBox(sequence.makeAsyncIterator())
            return { try await box.next().map { ByteBuffer(bytes: $0) } }
        }
    }

    /// A stream driven by a closure returning the next chunk, `nil` at the end.
    /// `make` is called once per iteration so every iterator gets fresh state.
    public init(_ make: @escaping @Sendable () -> (() async throws -> ByteBuffer?)) {
        makeNext = make
    }

    /// A stream of bytes already in memory, cut into chunks of `chunkSize`.
    public init(data: some Collection<UInt8> & Sendable, chunkSize: Int = 1 << 20) {
        let all = ByteBuffer(bytes: data)
        makeNext = {
            var rest = all
            return {
                guard rest.readableBytes > 0 else { return nil }
                return rest.readSlice(length: Swift.min(chunkSize, rest.readableBytes))
            }
        }
    }

    public static let empty = ByteStream(data: [UInt8]())

    public struct AsyncIterator: AsyncIteratorProtocol {
        let nextChunk: () async throws -> ByteBuffer?

        public mutating func next() async throws -> ByteBuffer? {
            // Empty chunks carry no information and would make "end of stream"
            // ambiguous for consumers that test `readableBytes`.
            while let chunk = try await nextChunk() {
                if chunk.readableBytes > 0 { return chunk }
            }
            return nil
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(nextChunk: makeNext())
    }

    /// Reads the whole stream into memory; for small objects only (manifests).
    public func collect(upTo maxBytes: Int) async throws -> ByteBuffer {
        var result = ByteBuffer()
        for try await var chunk in self {
            guard result.readableBytes + chunk.readableBytes <= maxBytes else {
                throw ObjectStoreError.tooLarge(limit: maxBytes)
            }
            result.writeBuffer(&chunk)
        }
        return result
    }
}

/// Holds a non-Sendable iterator behind a reference so a closure can advance it;
/// a stream is consumed by one task at a time, which is what makes this safe.
private final class IteratorBox<Base: AsyncIteratorProtocol>: @unchecked Sendable {
    var base: Base
    init(_ base: Base) { self.base = base }
    func next() async throws -> Base.Element? { try await base.next() }
}

