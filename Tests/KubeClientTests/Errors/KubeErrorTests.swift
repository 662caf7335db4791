import Testing
@testable import KubeClient

@Suite struct KubeErrorTests {
    let request = RequestDescription(user: "admin", verb: "get", resource: "configmaps", namespace: "prod", name: "cfg")

    @Test func notFoundNamesVerbResourceNamespaceUserAndServerMessage() {
        let error = KubeError.api(APIFailure(request: request, statusCode: 404, reason: "NotFound", message: "configmaps \"cfg\" not found"))
        #expect(error.description == "cannot get configmaps \"cfg\" in namespace \"prod\" as user \"admin\": 404 NotFound: configmaps \"cfg\" not found")
        #expect(error.isNotFound)
    }

    @Test func unauthorizedPointsAtTheCredentialsOfTheUser() {
        let error = KubeError.api(APIFailure(request: request, statusCode: 401, reason: "Unauthorized", message: "Unauthorized"))
        #expect(error.description.hasSuffix("401 Unauthorized: check the token or client certificate of user \"admin\""))
    }

    @Test func nonZeroExitShowsCodeAndStderrButOnlyTheProgramName() {
        let exec = RequestDescription(user: "admin", verb: "exec", resource: "pods", namespace: "db", name: "pg-0", subresource: "exec")
        let error = KubeError.commandFailed(ExecFailure(request: exec, command: "psql", exitCode: 3, stderrTail: "FATAL: no such db\n"))
        #expect(error.description == "command psql exited with code 3 (exec pods \"pg-0\" (exec) in namespace \"db\" as user \"admin\"); stderr: FATAL: no such db")
    }
}
