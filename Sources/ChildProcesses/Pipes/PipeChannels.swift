import NIOCore
import NIOPosix

/// NIO channels over a child's pipes: reads arrive as an async sequence with
/// back-pressure (NIO stops reading the pipe while the consumer is behind, so the
/// producer blocks in `write` and memory stays bounded), writes wait for room.
public enum PipeChannels {
    public typealias AsyncPipe = NIOAsyncChannel<ByteBuffer, ByteBuffer>

    /// At most `highWatermark` reads of at most `maximumRead` bytes are buffered
    /// (1 MiB by default: a slow store holds the client back, not our memory; the
    /// pipe itself is grown to 1 MiB in the kernel).
    public static func reader(
        _ fd: Int32, maximumRead: Int = 256 << 10, highWatermark: Int = 4
    ) async throws -> AsyncPipe {
        try await NIOPipeBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(
                ChannelOptions.recvAllocator,
                value: AdaptiveRecvByteBufferAllocator(
                    minimum: min(4096, maximumRead), initial: min(65536, maximumRead), maximum: maximumRead
                )
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

    /// A plain channel: the caller awaits each write's completion, which is both
    /// the back-pressure and the guarantee that every byte reached the pipe before
    /// it is closed (an async writer's buffered elements would be dropped by a close).
    public static func writer(_ fd: Int32) async throws -> any Channel {
        try await NIOPipeBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .takingOwnershipOfDescriptor(output: fd).get()
    }
}
