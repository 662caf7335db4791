import Testing
@testable import GoTemplate

/// Behaviours Kanister blueprints rely on (and trip over), as Go implements them.
@Suite struct KanisterRulesTests {
    static let data: Value = .map([
        "ConfigMaps": .map(["mysql-config": .map(["Data": .map(["port": .string("3306")])])]),
        "Object": .map(["metadata": .map(["labels": .map(["app": .string("mysql")])])]),
    ])

    @Test func hyphenInAFieldPathIsAParseError() {
        do {
            _ = try Template(text: "{{ .ConfigMaps.mysql-config.Data.port }}", functions: FunctionMap())
            Issue.record("a hyphenated field must not parse")
        } catch let e as TemplateError {
            #expect(e.message == "template: config:1: bad character U+002D '-'")
            #expect(e.phase == .parse)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func indexReachesHyphenatedKeys() throws {
        let t = try Template(text: "{{ index .ConfigMaps \"mysql-config\" \"Data\" \"port\" }}", functions: FunctionMap())
        #expect(try t.render(Self.data) == "3306")
    }

    @Test func indexOfAMissingKeyIsEmptyNotAnError() throws {
        let t = try Template(text: "[{{ index .Object.metadata.labels \"missing\" }}]", functions: FunctionMap())
        #expect(try t.render(Self.data) == "[<no value>]")
    }

    @Test func fieldOfAMissingKeyIsAnError() {
        do {
            _ = try Template.render("{{ .Object.metadata.labels.missing }}", data: Self.data, functions: FunctionMap())
            Issue.record("missingkey=error must fail")
        } catch let e as TemplateError {
            #expect(e.reason == "map has no entry for key \"missing\"")
            #expect(e.kind == .missingKey)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
