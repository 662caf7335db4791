/// Filters and paging of list and watch calls.
public struct ListOptions: Sendable, Equatable {
    /// e.g. `app=demo`, `app in (a,b)`, `!canary`.
    public var labelSelector: String?
    /// e.g. `metadata.name=db-0`, `status.phase=Running`.
    public var fieldSelector: String?
    /// Page size; the server returns a continue token when there is more.
    public var limit: Int?
    public var continueToken: String?
    public var resourceVersion: String?
    /// Server-side timeout of a watch or list.
    public var timeoutSeconds: Int?

    public init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil,
                continueToken: String? = nil, resourceVersion: String? = nil, timeoutSeconds: Int? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.timeoutSeconds = timeoutSeconds
    }

    /// Builds a selector from exact label matches, sorted so the query is stable.
    public static func labels(_ labels: [String: String]) -> ListOptions {
        ListOptions(labelSelector: labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let labelSelector, !labelSelector.isEmpty { items.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { items.append(("fieldSelector", fieldSelector)) }
        if let limit { items.append(("limit", String(limit))) }
        if let continueToken, !continueToken.isEmpty { items.append(("continue", continueToken)) }
        if let resourceVersion { items.append(("resourceVersion", resourceVersion)) }
        if let timeoutSeconds { items.append(("timeoutSeconds", String(timeoutSeconds))) }
        return items
    }
}

/// The patch formats the API server accepts.
public enum PatchType: Sendable, Equatable {
    /// RFC 7386: objects merge, arrays and null replace/remove.
    case merge
    /// Kubernetes' strategic merge: lists of containers, ports, … merge by key. Built-in types only.
    case strategicMerge
    /// RFC 6902 operations (`[{"op": "replace", "path": "/spec/replicas", "value": 0}]`).
    case json

    public var contentType: String {
        switch self {
        case .merge: "application/merge-patch+json"
        case .strategicMerge: "application/strategic-merge-patch+json"
        case .json: "application/json-patch+json"
        }
    }
}

/// What happens to an object's dependents when it is deleted.
public enum DeletePropagation: String, Sendable {
    case foreground = "Foreground"
    case background = "Background"
    case orphan = "Orphan"
}
