/// Why an input file could not be read, in words a user can act on — never
/// Foundation's `NSCocoaErrorDomain error 256` or a misleading "permission denied".
public enum SourceFileError: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(path: String)
    case permissionDenied(path: String)
    case isDirectory(path: String)
    /// A FIFO, socket or device: reading one could block for ever (a FIFO with no
    /// writer) or never end (`/dev/zero`), so it is refused before any read.
    case notRegularFile(path: String, kind: String)
    /// Larger than the limit by its size on disk: refused without reading it.
    case tooLarge(path: String, size: Int, limit: Int)
    /// Any other `open`/`read` failure, with the system's own words.
    case unreadable(path: String, reason: String)
    /// The content was refused: too large, not UTF-8, a forbidden character.
    case content(path: String, YAMLInputError)

    public var path: String {
        switch self {
        case .notFound(let path), .permissionDenied(let path), .isDirectory(let path), .notRegularFile(let path, _),
             .tooLarge(let path, _, _), .unreadable(let path, _), .content(let path, _):
            return path
        }
    }

    public var description: String {
        let shown = DisplayText.escaped(path)
        switch self {
        case .notFound: return "\(shown): no such file"
        case .permissionDenied: return "\(shown): permission denied"
        case .isDirectory: return "\(shown): is a directory, not a file"
        case .notRegularFile(_, let kind): return "\(shown): is not a regular file (it is \(kind))"
        case .tooLarge(_, let size, let limit): return "\(shown): \(Self.tooLargeMessage(size: size, limit: limit))"
        case .unreadable(_, let reason): return "\(shown): cannot read the file: \(reason)"
        case .content(_, let error): return "\(shown):\(error.position.line):\(error.position.column): \(error)"
        }
    }

    public var hint: String {
        switch self {
        case .notFound: return "check the path; relative paths are taken from the current directory"
        case .permissionDenied: return "make the file readable by this user (`chmod u+r`), or run as a user who can read it"
        case .isDirectory: return "give the path of a YAML file inside it (`blueprint validate` also accepts a directory)"
        case .notRegularFile: return "save the content to a file and pass that file's path"
        case .tooLarge: return YAMLInputError.tooLarge(limit: 0, at: .start).hint
        case .unreadable: return "check that the file exists and is readable"
        case .content(_, let error): return error.hint
        }
    }

    /// Where to point a diagnostic: the position inside the file for content
    /// problems, else the file itself (line 1, column 1).
    public var diagnostic: Diagnostic {
        switch self {
        case .content(let path, let error): return error.diagnostic(file: path)
        default:
            let message: String
            switch self {
            case .notFound: message = "no such file"
            case .permissionDenied: message = "permission denied"
            case .isDirectory: message = "is a directory, not a file"
            case .notRegularFile(_, let kind): message = "is not a regular file (it is \(kind))"
            case .tooLarge(_, let size, let limit): message = Self.tooLargeMessage(size: size, limit: limit)
            case .unreadable(_, let reason): message = "cannot read the file: \(reason)"
            case .content: message = ""
            }
            return .error(at: SourceLocation(file: path, line: 1, column: 1), message, hint: hint)
        }
    }

    private static func tooLargeMessage(size: Int, limit: Int) -> String {
        "the file is \(size) bytes, larger than the limit of \(YAMLInputError.size(limit)) for a YAML file"
    }
}
