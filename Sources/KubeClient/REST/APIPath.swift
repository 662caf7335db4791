/// Builds request paths and query strings for resources.
///
/// Kept pure (no I/O) so that URL construction is unit-tested on its own.
public enum APIPath {
    /// `/api/v1/namespaces/NS/pods/NAME/SUB`, `/apis/apps/v1/statefulsets` (all namespaces), …
    /// A nil namespace for a namespaced type means "all namespaces" (list and watch only).
    public static func path(_ type: ResourceType, namespace: String?, name: String? = nil, subresource: String? = nil) -> String {
        var path = type.groupVersionPath
        if type.namespaced, let namespace {
            path += "/namespaces/\(escapeSegment(namespace))"
        }
        path += "/\(type.plural)"
        if let name {
            path += "/\(escapeSegment(name))"
            if let subresource { path += "/\(subresource)" }
        }
        return path
    }

    /// `a=1&b=x%2Cy`, in the given order; repeated names are allowed (exec's `command`).
    public static func query(_ items: [(String, String)]) -> String {
        items.map { "\(escapeQuery($0.0))=\(escapeQuery($0.1))" }.joined(separator: "&")
    }

    /// Path plus query, omitting an empty query.
    public static func target(_ path: String, _ items: [(String, String)]) -> String {
        items.isEmpty ? path : "\(path)?\(query(items))"
    }

    private static let unreserved: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    /// RFC 3986 percent-encoding of everything but unreserved characters, so that
    /// selectors (`app in (a,b)`, `!x`) and exec arguments reach the server byte for byte.
    static func escapeQuery(_ text: String) -> String {
        percentEncode(text, keeping: unreserved)
    }

    static func escapeSegment(_ text: String) -> String {
        percentEncode(text, keeping: unreserved.union(Array(":@".utf8)))
    }

    private static func percentEncode(_ text: String, keeping allowed: Set<UInt8>) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if allowed.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%"
                out += String(byte >> 4, radix: 16, uppercase: true)
                out += String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
