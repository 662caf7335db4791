import NIOCore
import NIOPosix

/// NIO channels over a child's pipes: reads arrive as an async sequence with
/// back-pressure (NIO stops reading the pipe while the consumer is behind, so the
/// producer blocks in `write` and memory stays bounded), writes wait for room.
enum PipeChannels {
    typealias AsyncPipe = NIOAsyncChannel<ByteBuffer, ByteBuffer>

    /// At most `highWatermark` reads of at most `maximumRead` bytes are buffered.
    static func reader(
        _ fd: Int32, maximumRead: Int = 1 << 20, highWatermark: Int = 8
    ) async throws -> AsyncPipe {
        try await NIOPipeBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(
                ChannelOptions.recvAllocator,
                value: AdaptiveRecvByteBufferAllocator(minimum: 4096, initial: 65536, maximum: maximumRead)
            )
            .takingOwnershipOfDescriptor(input: fd) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try AsyncPipe(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(
                            backPressureStrategy: .init(lowWatermark: 2, highWatermark: highWatermark)
                        )
                    )
                }
            }
    }

    static func writer(_ fd: Int32) async throws -> AsyncPipe {
        try await NIOPipeBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .takingOwnershipOfDescriptor(output: fd) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try AsyncPipe(wrappingChannelSynchronously: channel)
                }
            }
    }
}
