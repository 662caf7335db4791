/// One engine's way of holding a freeze; ``LockHandle`` is what callers see.
protocol HeldLock: Actor {
    nonisolated var outputs: LockOutputs { get }
    nonisolated var record: LockRecord { get }
    func release() async throws(DataServiceError) -> UnlockOutputs
}
