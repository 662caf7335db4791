#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs template parsing, execution and tree tear-down on a thread with a large stack.
///
/// The parser and the executor are ports of Go's recursive-descent code, and Go grows
/// its goroutine stacks on demand: Go parses and runs 10,000 nested `if`s. A Swift
/// thread has a fixed stack (512 KiB to 8 MiB), and a debug build spends a few KiB per
/// nesting level, so a template nested a couple of thousand deep would overflow it
/// and kill the process, skipping the undo phases a blueprint run owes. Rewriting
/// parser and executor iteratively would lose their line-by-line correspondence with
/// Go (which is what keeps the conformance corpus at 100%); instead the recursion
/// runs here, on a stack sized for ``TemplateLimits/maxNesting`` levels.
///
/// This is the one exception to the project's rule against creating threads: it is
/// started and joined inside one synchronous call, shares nothing with other
/// threads, and its stack is reserved, not committed (pages are touched only as deep
/// as the template actually nests).
enum BigStack {
    /// Reserved stack size. Measured with NestingLimitTests in a debug build: 10,000
    /// nested levels overflow 64 MiB and fit in 128 MiB (7 to 13 KiB a level for
    /// parse plus execution); 512 MiB leaves a fourfold margin and costs only
    /// address space.
    static let stackSize = 512 << 20

    /// Runs `body` on a big-stack thread and returns its result; the calling thread
    /// waits. When no such thread can be started (address-space limits), runs `body`
    /// on the current thread: ordinary templates still work, only extreme nesting is
    /// then at risk.
    static func run<T>(_ body: () -> T) -> T {
        var result: T?
        let started = withoutActuallyEscaping({ result = body() }) { work -> Bool in
            let raw = Unmanaged.passRetained(Job(work: work)).toOpaque()
            defer { Unmanaged<Job>.fromOpaque(raw).release() }
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, stackSize)
            #if canImport(Darwin)
            var thread: pthread_t?
            #else
            var thread = pthread_t()
            #endif
            let created = pthread_create(&thread, &attributes, { raw in
                #if canImport(Darwin)
                Unmanaged<Job>.fromOpaque(raw).takeUnretainedValue().work()
                #else
                if let raw { Unmanaged<Job>.fromOpaque(raw).takeUnretainedValue().work() }
                #endif
                return nil
            }, raw)
            guard created == 0 else { return false }
            #if canImport(Darwin)
            if let thread { pthread_join(thread, nil) }
            #else
            pthread_join(thread, nil)
            #endif
            return true
        }
        // After the join, the thread's write to `result` happened before this read.
        if started, let result { return result }
        return body()
    }

    /// The work handed to the thread. Only one thread touches it at a time: the
    /// caller before `pthread_create` and after `pthread_join`, the big-stack thread
    /// in between.
    private final class Job {
        let work: () -> Void
        init(work: @escaping () -> Void) { self.work = work }
    }
}
