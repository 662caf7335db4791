/// What one render of a template may consume. A blueprint's templates are written
/// by whoever can edit the blueprint and fed with earlier phases' output; without a
/// budget `{{ range until 60000000 }}` takes gigabytes and `{{ $x = list $x }}` in a
/// long loop nests a value deep enough to overflow the stack. Each limit ends the
/// render with a ``TemplateError`` of kind ``TemplateError/Kind/limitExceeded``
/// naming the limit, so the engine can say which phase and argument hit it.
///
/// The defaults are far above what a blueprint argument needs (a command line, a
/// manifest, a few thousand list items) and far below what hurts a backup host.
public struct TemplateLimits: Sendable, Equatable {
    /// Bytes of rendered output.
    public var maxOutputBytes: Int
    /// `range` iterations, summed over all loops of the render.
    public var maxIterations: Int
    /// Estimated bytes of any one value a function builds (a list of n items counts
    /// n × the size of a value slot, a string its UTF-8 bytes). The estimate is
    /// checked before a large list or string is allocated where the size is known in
    /// advance (`until`, `seq`, `repeat`, …) and after every function call otherwise.
    public var maxValueBytes: Int

    public init(maxOutputBytes: Int = 16 << 20, maxIterations: Int = 10_000_000, maxValueBytes: Int = 256 << 20) {
        self.maxOutputBytes = maxOutputBytes
        self.maxIterations = maxIterations
        self.maxValueBytes = maxValueBytes
    }

    public static let `default` = TemplateLimits()

    /// How deep lists and maps may nest inside one another (a scalar is depth 0,
    /// `list 1` depth 1). Go has no such limit, but every consumer of a value walks
    /// it recursively: printing, `toJson`, `eq`, `deepCopy` (these run on
    /// ``BigStack`` during a render) and tear-down, which runs wherever the last
    /// copy is dropped. Freeing a 1,000-deep value was measured to need less than
    /// 256 KiB of stack in a debug build, half of the smallest thread stack in use
    /// (512 KiB); and 1,000 is deeper than any document a tool emits (Go's
    /// `encoding/json` stops at 10,000). Every path that builds a value refuses to go
    /// deeper: the JSON decoders (`fromJson`, `Value(json:)`) and the result of every
    /// template function (`list`, `dict`, `append`, `set`, `merge`, `deepCopy`, …).
    public static let maxValueDepth = 1000

    /// How deep `if`/`range`/`with`/`block`/`else if` may nest in a template text,
    /// and how deep execution may nest (template calls included). Go's parser has no
    /// limit and its executor stops at 100,000 template calls; 10,000 is what Go is
    /// known to parse and run, with room to spare on ``BigStack``'s stack.
    public static let maxNesting = 10_000

    /// Which limit a ``TemplateError`` of kind ``TemplateError/Kind/limitExceeded`` hit.
    public enum Limit: String, Sendable, Equatable {
        case outputBytes = "maxOutputBytes"
        case iterations = "maxIterations"
        case valueBytes = "maxValueBytes"
        case valueDepth = "maxValueDepth"
        case nesting = "maxNesting"
    }
}
