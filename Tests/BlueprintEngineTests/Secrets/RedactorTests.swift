import Testing
@testable import BlueprintEngine

@Suite struct RedactorTests {
    static let secret = "Tr0ub4dor&3 x?>~"
    let redactor = Redactor(secrets: [SecretValue(secret, from: .optionEnvironment(option: "token", variable: "TOKEN"))])

    /// Expected encodings computed with Python's base64, binascii, urllib.parse and
    /// by hand from Go's documented json, html and js escaping (`&` and `>` as
    /// `\u0026`/`\u003e` in JSON, `&amp;`/`&gt;` in HTML, `\u0026`/`\u003E` in
    /// JavaScript), not with this code.
    @Test(arguments: [
        "Tr0ub4dor&3 x?>~",
        "VHIwdWI0ZG9yJjMgeD8+fg==", "VHIwdWI0ZG9yJjMgeD8+fg", "VHIwdWI0ZG9yJjMgeD8-fg==", "VHIwdWI0ZG9yJjMgeD8-fg",
        "547230756234646f72263320783f3e7e", "547230756234646F72263320783F3E7E",
        "Tr0ub4dor%263+x%3F%3E~", "Tr0ub4dor%263%20x%3F%3E~",
        "TR0UB4DOR&3 X?>~", "tr0ub4dor&3 x?>~",
        #"Tr0ub4dor\u00263 x?\u003e~"#, "Tr0ub4dor&amp;3 x?&gt;~", #"Tr0ub4dor\u00263 x?\u003E~"#,
    ])
    func masksTheSecretAndItsCommonEncodings(form: String) {
        #expect(redactor.redact("before \(form) after") == "before <redacted> after")
    }

    @Test func masksEachLineOfAMultiLineSecretPrintedLineByLine() {
        let key = "-----BEGIN KEY-----\r\nMIIBVwIBADANBgkqhkiG\nw0BAQEFAASCAUEwggE9\n-----END KEY-----"
        let redactor = Redactor(secrets: [SecretValue(key, from: .optionFile(option: "key", path: "/k"))])
        for line in ["-----BEGIN KEY-----", "MIIBVwIBADANBgkqhkiG", "w0BAQEFAASCAUEwggE9", "-----END KEY-----"] {
            #expect(redactor.redact("line: \(line)") == "line: <redacted>", "\(line)")
        }
        #expect(redactor.redact(key) == "<redacted>", "the whole value is one match, not four")
    }

    @Test func aShortSecretIsNotMaskedButNamedInAWarning() {
        let redactor = Redactor(secrets: [SecretValue("admin", from: .appFile(path: "app.yaml", keyPath: ["secrets", "db", "user"]))])
        #expect(redactor.redact("the admin console; user admin") == "the admin console; user admin")
        #expect(redactor.warnings == [
            "`secrets.db.user` of app file app.yaml is shorter than 6 characters, so it is not redacted from output and logs",
        ])
        #expect(!redactor.warnings.joined().contains("admin "))
    }

    @Test func overlappingSecretsAreMaskedWholeLongestFirst() {
        let redactor = Redactor(secrets: [
            SecretValue("abcdef", from: .optionEnvironment(option: "a", variable: "A")),
            SecretValue("abcdefghij", from: .optionEnvironment(option: "b", variable: "B")),
            SecretValue("efghijklmn", from: .optionEnvironment(option: "c", variable: "C")),
        ])
        #expect(redactor.redact("x abcdefghij y") == "x <redacted> y")
        #expect(redactor.redact("abcdef efghijklmn") == "<redacted> <redacted>")
        // Overlapping occurrences: the leftmost match wins, the rest of the text is still scanned.
        #expect(redactor.redact("abcdefghijklmn") == "<redacted>klmn")
    }

    @Test func nonASCIITextAroundASecretSurvives() {
        #expect(redactor.redact("é→\(Self.secret)←ü") == "é→<redacted>←ü")
    }

    @Test func undoArgumentsKeepReferencesThatResolveBackToTheValues() async throws {
        let (stored, uses) = redactor.referencing([
            "command": .list([.string("sh"), .string("-c"), .string("curl -H 'X: \(Self.secret)' -d VHIwdWI0ZG9yJjMgeD8+fg==")]),
            "env": .map(["TOKEN": .string(Self.secret), "PLAIN": .string("visible")]),
        ])
        let text = "\(stored)"
        #expect(!text.contains("Tr0ub4dor"))
        #expect(!text.contains("VHIwdWI0"))
        #expect(stored["env"] == .map(["TOKEN": .string("<redacted:0>"), "PLAIN": .string("visible")])
                || stored["env"] == .map(["TOKEN": .string("<redacted:1>"), "PLAIN": .string("visible")]))
        #expect(Set(uses.map(\.form.encoding)) == [.plain, .base64])
        #expect(uses.allSatisfy { $0.reference == .optionEnvironment(option: "token", variable: "TOKEN") })

        let resolved = try await KnownSecrets(redactor).resolve(stored, uses: uses)
        #expect(resolved["env"] == .map(["TOKEN": .string(Self.secret), "PLAIN": .string("visible")]))
        #expect(resolved["command"] == .list([.string("sh"), .string("-c"),
                                               .string("curl -H 'X: \(Self.secret)' -d VHIwdWI0ZG9yJjMgeD8+fg==")]))
    }

    @Test func aReferenceThatCannotBeResolvedIsNamed() async {
        let uses = [SecretUse(reference: .optionEnvironment(option: "token", variable: "BLUEPRINT_TEST_UNSET_\(UInt32.random(in: 0...UInt32.max))"),
                              form: SecretForm(.plain))]
        do {
            _ = try await LocalSecretResolver().resolve(["a": .string("<redacted:0>")], uses: uses)
            Issue.record("an unset variable resolved")
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix("cannot read option `token` from environment variable BLUEPRINT_TEST_UNSET_"))
            #expect(message.hasSuffix("is not set; export it before running"))
        }
    }
}
