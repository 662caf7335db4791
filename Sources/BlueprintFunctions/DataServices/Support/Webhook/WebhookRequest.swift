/// One HTTP call of the Webhook function, with its arguments already rendered.
public struct WebhookRequest: Sendable, Hashable {
    public var method: String
    public var url: String
    public var headers: [String: String]
    public var body: String?
    /// Statuses that count as success; nil means any 2xx.
    public var expectStatus: Set<Int>?
    /// For the whole call: connect, send, receive the whole response.
    public var timeout: Duration
    /// For the connection to be accepted; a refused one fails at once.
    public var connectTimeout: Duration
    /// How long the receiver may send nothing (a stalled server); `nil`: only
    /// `timeout` limits it.
    public var readTimeout: Duration?
    /// Off by default: TLS certificates are verified unless the blueprint says so.
    public var insecureSkipVerify: Bool
    /// PEM certificate(s) of a CA to trust in addition to the system's.
    public var caCertPEM: String?
    /// Response bodies beyond this are an error rather than unbounded memory.
    public var maximumResponseBytes: Int

    public init(
        method: String = "POST", url: String, headers: [String: String] = [:], body: String? = nil,
        expectStatus: Set<Int>? = nil, timeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(10),
        readTimeout: Duration? = nil, insecureSkipVerify: Bool = false,
        caCertPEM: String? = nil, maximumResponseBytes: Int = 1 << 20
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.expectStatus = expectStatus
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.insecureSkipVerify = insecureSkipVerify
        self.caCertPEM = caCertPEM
        self.maximumResponseBytes = maximumResponseBytes
    }

    func accepts(_ status: Int) -> Bool {
        expectStatus?.contains(status) ?? (200..<300).contains(status)
    }

    /// The URL without credentials or query, which may carry tokens: for messages.
    var displayURL: String {
        var text = url
        if let query = text.firstIndex(of: "?") { text = String(text[..<query]) + "?…" }
        if let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@"),
           !text[scheme.upperBound..<at].contains("/") {
            text.replaceSubrange(scheme.upperBound...at, with: "")
        }
        return text
    }
}

/// The Webhook function's outputs: `status` and `body`.
public struct WebhookResponse: Sendable, Hashable {
    public var status: Int
    public var body: String

    public var values: [String: String] { ["status": String(status), "body": body] }
}
