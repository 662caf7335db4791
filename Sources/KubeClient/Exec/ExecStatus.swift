/// The exit status the kubelet sends on channel 3: a `metav1.Status`.
enum ExecStatus: Equatable {
    case exited(Int)
    /// The command could not run (not found, container gone) or another error.
    case failure(String)

    /// `{"status":"Success"}` → exited(0); `reason: NonZeroExitCode` with a cause
    /// `ExitCode` → exited(code); any other failure → its message.
    static func parse(_ json: JSONValue) -> ExecStatus {
        if json["status"]?.stringValue == "Success" { return .exited(0) }
        if json["reason"]?.stringValue == "NonZeroExitCode" {
            let causes = json["details"]?["causes"]?.arrayValue ?? []
            if let cause = causes.first(where: { $0["reason"]?.stringValue == "ExitCode" }),
               let code = cause["message"]?.stringValue.flatMap({ Int($0) })
            {
                return .exited(code)
            }
        }
        return .failure(json["message"]?.stringValue ?? "exec failed without a message")
    }
}
