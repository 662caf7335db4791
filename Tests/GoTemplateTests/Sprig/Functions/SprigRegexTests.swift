import Testing
@testable import GoTemplate

@Suite struct SprigRegexTests {
    @Test func matchAndFind() throws {
        #expect(try printed("regexMatch", .string("^[a-z]+$"), .string("mysql")) == "true")
        #expect(try printed("regexMatch", .string("^[0-9]+$"), .string("mysql")) == "false")
        #expect(try printed("regexMatch", .string("(?i)MYSQL"), .string("mysql")) == "true")
        #expect(try printed("regexMatch", .string(#"\d{3}"#), .string("12345")) == "true")
        #expect(try printed("regexMatch", .string(#"\d{3}"#), .string("12a45")) == "false")
        #expect(try printed("regexMatch", .string("a$"), .string("a\n")) == "false")
        #expect(try printed("regexFind", .string("[0-9]+"), .string("abc123def456")) == "123")
        #expect(try printed("regexFind", .string("[0-9]+"), .string("abc")) == "")
        #expect(try printed("regexFind", .string("s3://([^/]+)/"), .string("s3://kanister-backups/mysql/x")) == "s3://kanister-backups/")
        #expect(failure("mustRegexFind", .string("["), .string("x")) == "error parsing regexp: missing closing ]: `[`")
    }

    @Test func findAllHonoursLimitAndEmptyMatchRule() throws {
        #expect(try printed("regexFindAll", .string("[0-9]+"), .string("a1b22c333"), .int(-1)) == "[1 22 333]")
        #expect(try printed("regexFindAll", .string("[0-9]+"), .string("a1b22c333"), .int(2)) == "[1 22]")
        #expect(try printed("regexFindAll", .string("(?m)^line\\d"), .string("line1\nline2\nline3"), .int(-1)) == "[line1 line2 line3]")
        #expect(try sprig("regexFindAll", .string("a*"), .string("baaac"), .int(-1)).goDescription == "[ aaa ]")
        #expect(try printed("mustRegexFindAll", .string("a"), .string("aXa"), .int(-1)) == "[a a]")
    }

    @Test func replaceExpandsGoTemplates() throws {
        #expect(try printed("regexReplaceAll", .string("a(x*)b"), .string("-ab-axxb-"), .string("${1}W")) == "-W-xxW-")
        #expect(try printed("regexReplaceAll", .string("a(x*)b"), .string("-ab-axxb-"), .string("$1W")) == "---")
        #expect(try printed("regexReplaceAllLiteral", .string("a(x*)b"), .string("-ab-axxb-"), .string("${1}")) == "-${1}-${1}-")
        #expect(try printed("regexReplaceAll", .string("(?P<first>\\w+) (?P<last>\\w+)"), .string("Ada Lovelace"), .string("${last}, ${first}")) == "Lovelace, Ada")
        #expect(try printed("regexReplaceAll", .string("-[a-z0-9]+$"), .string("mysql-7d9f8-abcde"), .string("")) == "mysql-7d9f8")
        #expect(try printed("mustRegexReplaceAllLiteral", .string("a"), .string("aXa"), .string("$1")) == "$1X$1")
    }

    @Test func splitAndQuoteMeta() throws {
        #expect(try printed("regexSplit", .string("z+"), .string("pizza"), .int(-1)) == "[pi a]")
        #expect(try printed("regexSplit", .string("/"), .string("/var/lib/mysql/data.db"), .int(2)) == "[ var/lib/mysql/data.db]")
        #expect(try printed("mustRegexSplit", .string("X"), .string("aXa"), .int(-1)) == "[a a]")
        #expect(try printed("regexQuoteMeta", .string("1.5-2.0?")) == #"1\.5-2\.0\?"#)
    }
}

@Suite struct SprigSemverTests {
    @Test func parsesAndPrintsVersions() throws {
        #expect(try printed("semver", .string("1.2.3-beta.1+meta")) == "1.2.3-beta.1+meta")
        #expect(try printed("semver", .string("v2.0.0")) == "2.0.0")
        let v = try sprig("semver", .string("1.24.3-rc.1+build.5"))
        guard case .object(let o) = v, case .method(let minor)? = o.member("Minor") else {
            Issue.record("semver has no Minor method")
            return
        }
        #expect(try minor.body([]).goDescription == "24")
        #expect(try printed("typeOf", v) == "*semver.Version")
        #expect(failure("semver", .string("not-a-version")) == "Invalid Semantic Version")
    }

    @Test func compareMethod() throws {
        guard case .object(let a) = try sprig("semver", .string("1.2.3")), case .method(let compare)? = a.member("Compare") else {
            Issue.record("semver has no Compare method")
            return
        }
        #expect(try compare.body([try sprig("semver", .string("1.3.0"))]).goDescription == "-1")
    }

    @Test func constraints() throws {
        #expect(try printed("semverCompare", .string(">=1.20"), .string("1.24.3")) == "true")
        #expect(try printed("semverCompare", .string("^1.2.0"), .string("2.0.0")) == "false")
        #expect(try printed("semverCompare", .string("~1.24"), .string("1.24.3-rc.1+build.5")) == "false")
        #expect(try printed("semverCompare", .string("^0.2.3"), .string("0.3.0")) == "false")
        #expect(try printed("semverCompare", .string("~1.2.x"), .string("1.2.9")) == "true")
        #expect(try printed("semverCompare", .string("1.0 - 2.0"), .string("1.5.0")) == "true")
        #expect(try printed("semverCompare", .string("<1 || >=3"), .string("2.0.0")) == "false")
        #expect(try printed("semverCompare", .string(">= 1.2, < 1.3"), .string("1.2.7")) == "true")
        #expect(failure("semverCompare", .string("bogus"), .string("1.0.0")) == "improper constraint: bogus")
    }
}

@Suite struct SprigSystemTests {
    @Test func paths() throws {
        #expect(try printed("base", .string("/var/lib/mysql/data.db")) == "data.db")
        #expect(try printed("dir", .string("/var/lib/mysql/data.db")) == "/var/lib/mysql")
        #expect(try printed("ext", .string("/var/lib/mysql/data.db")) == ".db")
        #expect(try printed("clean", .string("/a/../b//c/./d")) == "/b/c/d")
        #expect(try printed("isAbs", .string("/x")) == "true")
        #expect(try printed("base", .string("")) == ".")
        #expect(try printed("osClean", .string("/a/../b")) == "/b")
        #expect(try printed("osIsAbs", .string("rel/p")) == "false")
    }

    @Test func urls() throws {
        let u = try sprig("urlParse", .string("https://user:pw@example.com:8443/a/b?x=1&y=2#frag"))
        #expect(try printed("toJson", u) == #"{"fragment":"frag","host":"example.com:8443","hostname":"example.com","opaque":"","path":"/a/b","query":"x=1\u0026y=2","scheme":"https","userinfo":"user:pw"}"#)
        #expect(try printed("urlJoin", .map(["scheme": .string("https"), "host": .string("h:1"), "path": .string("/p"), "query": .string("a=1")])) == "https://h:1/p?a=1")
    }

    @Test func environment() throws {
        #expect(try printed("env", .string("SPRIG_TEST_SURELY_UNSET_VAR")) == "")
        #expect(try printed("expandenv", .string("x${SPRIG_TEST_SURELY_UNSET_VAR}y")) == "xy")
        #expect(failure("getHostByName", .string("example.com")) != nil)
    }

    @Test func defaults() throws {
        #expect(try printed("default", .string("dflt"), .string("")) == "dflt")
        #expect(try printed("default", .string("dflt"), .string("nightly")) == "nightly")
        #expect(try printed("default", .int(5), .int64(0)) == "5")
        #expect(try printed("default", .string("x"), .list([])) == "x")
        #expect(try printed("default", .string("x"), .string("0")) == "0")
        #expect(try printed("default", .string("x")) == "x")
        #expect(try printed("default", .string("a"), .string("b"), .string("c")) == "b")
        #expect(try printed("empty", .float64(0)) == "true")
        #expect(try printed("empty", .string("false")) == "false")
        #expect(try printed("empty", Corpus.options) == "false")
        #expect(try sprig("coalesce", .string(""), .int(0)).goKindName == "invalid")
        #expect(try printed("coalesce", .string(""), .null, .string("nightly"), .string("z")) == "nightly")
        #expect(try printed("ternary", .string("yes"), .string("no"), .bool(true)) == "yes")
        #expect(try printed("ternary", .string("yes"), .string("no"), .bool(false)) == "no")
        #expect(try printed("all", .int(1), .string("a"), .bool(true)) == "true")
        #expect(try printed("any", .int(0), .string(""), .null) == "false")
        #expect(failure("fail", .string("boom")) == "boom")
        #expect(FunctionMap.sprig["required"] == nil)
        #expect(FunctionMap.sprig["toYaml"] == nil)
    }
}
