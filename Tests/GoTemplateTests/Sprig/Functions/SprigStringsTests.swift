import Testing
@testable import GoTemplate

@Suite struct SprigStringsTests {
    @Test func quoteSkipsNilAndQuotesEachArgument() throws {
        #expect(try printed("quote", .int(1), .int(2), .string("x")) == #""1" "2" "x""#)
        #expect(try printed("quote", .null) == "")
        #expect(try printed("quote", .string("a\"b")) == #""a\"b""#)
        #expect(try printed("quote", Corpus.strs) == #""[b a c a]""#)
        #expect(try printed("squote", .string("it's")) == "'it's'")
    }

    @Test func caseFunctionsMapPerRune() throws {
        #expect(try printed("upper", .string("héllo wörld ✓")) == "HÉLLO WÖRLD ✓")
        #expect(try printed("lower", .string("MiXeD ÀB")) == "mixed àb")
        #expect(try printed("title", .string("hello wide world")) == "Hello Wide World")
        #expect(try printed("title", .string("o'neil mcdonald-smith")) == "O'Neil Mcdonald-Smith")
        #expect(try printed("untitle", .string("Hello World")) == "hello world")
        #expect(try printed("swapcase", .string("Hello World")) == "hELLO wORLD")
        #expect(try printed("camelcase", .string("foo_bar_baz")) == "FooBarBaz")
        #expect(try printed("snakecase", .string("fooBarBaz")) == "foo_bar_baz")
        #expect(try printed("kebabcase", .string("fooBarBaz")) == "foo-bar-baz")
    }

    @Test func trimFamily() throws {
        #expect(try printed("trim", .string("  hello world \n")) == "hello world")
        #expect(try printed("trim", .string("\u{a0} x \u{a0}")) == "x")
        #expect(try printed("trimAll", .string("$"), .string("$$5.00$")) == "5.00")
        #expect(try printed("trimall", .string("-"), .string("--x--")) == "x")
        #expect(try printed("trimSuffix", .string("/"), .string("mysql/backups/")) == "mysql/backups")
        #expect(try printed("trimPrefix", .string("s3://"), .string("s3://b/k")) == "b/k")
        #expect(try printed("trimPrefix", .string("x"), .string("abc")) == "abc")
        #expect(try printed("nospace", .string("a b\tc\nd")) == "abcd")
    }

    @Test func replaceAndSplit() throws {
        #expect(try printed("replace", .string("-"), .string("_"), .string("mysql-7d9f8-abcde")) == "mysql_7d9f8_abcde")
        #expect(try printed("replace", .string(""), .string("-"), .string("abc")) == "-a-b-c-")
        #expect(try printed("split", .string("/"), .string("/var/lib/mysql/data.db")) == "map[_0: _1:var _2:lib _3:mysql _4:data.db]")
        #expect(try printed("splitList", .string(","), .string("a,b,,c")) == "[a b  c]")
        #expect(try printed("splitList", .string(""), .string("abc")) == "[a b c]")
        #expect(try printed("splitn", .string(","), .int(2), .string("a,b,,c")) == "map[_0:a _1:b,,c]")
        #expect(try sprig("splitList", .string(","), .string("a")).goTypeName == "[]string")
    }

    @Test func joinAndContains() throws {
        #expect(try printed("join", .string("-"), Corpus.mixed) == "1-two-3.5-true")
        #expect(try printed("join", .string(","), Corpus.empty) == "")
        #expect(try printed("join", .string(","), .string("abc")) == "abc")
        #expect(try printed("contains", .string("sql"), .string("mysql")) == "true")
        #expect(try printed("contains", .string("x"), .string("")) == "false")
        #expect(try printed("contains", .string("mysql"), .string("sql")) == "false")
        #expect(try printed("hasPrefix", .string("mysql"), .string("mysql")) == "true")
        #expect(try printed("hasSuffix", .string(".gz"), .string("dump.sql.gz")) == "true")
    }

    @Test func indentation() throws {
        #expect(try printed("nindent", .int(2), .string("line1\nline2\nline3")) == "\n  line1\n  line2\n  line3")
        #expect(try printed("indent", .int(4), .string("line1\nline2")) == "    line1\n    line2")
        #expect(try printed("indent", .int(2), .string("")) == "  ")
        #expect(try printed("nindent", .int(0), .string("x")) == "\nx")
        #expect(failure("indent", .int(-1), .string("x")) == "strings: negative Repeat count")
    }

    @Test func byteSlicingFunctions() throws {
        #expect(try printed("trunc", .int(3), .string("abcdef")) == "abc")
        #expect(try printed("trunc", .int(-3), .string("abcdef")) == "def")
        #expect(try printed("trunc", .int(10), .string("abc")) == "abc")
        #expect(try printed("trunc", .int(2), .string("héllo")) == "h\u{FFFD}")
        #expect(try printed("substr", .int(1), .int(3), .string("abcdef")) == "bc")
        #expect(try printed("substr", .int(2), .int(-1), .string("abcdef")) == "cdef")
        #expect(try printed("substr", .int(-1), .int(2), .string("abcdef")) == "ab")
        #expect(try printed("substr", .int(0), .int(99), .string("abc")) == "abc")
        #expect(failure("substr", .int(3), .int(1), .string("abcdef")) == "runtime error: slice bounds out of range [3:1]")
        #expect(try printed("abbrev", .int(5), .string("hello world")) == "he...")
        #expect(try printed("abbrev", .int(3), .string("héllo")) == "héllo")
        #expect(try printed("abbrevboth", .int(5), .int(10), .string("1234 5678 9123")) == "...5678...")
    }

    @Test func repeatWrapAndMisc() throws {
        #expect(try printed("repeat", .int(3), .string("ab")) == "ababab")
        #expect(try printed("repeat", .int(0), .string("ab")) == "")
        #expect(failure("repeat", .int(-1), .string("ab")) == "strings: negative Repeat count")
        #expect(try printed("cat", .string("a"), .int(1), .null, .string("b")) == "a 1 b")
        #expect(try printed("cat") == "")
        #expect(try printed("initials", .string("First Try")) == "FT")
        #expect(try printed("wrap", .int(5), .string("hello world foo")) == "hello\nworld\nfoo")
        #expect(try printed("wrapWith", .int(5), .string("\t"), .string("hello world")) == "hello\tworld")
        #expect(try printed("plural", .string("one"), .string("many"), .int(1)) == "one")
        #expect(try printed("plural", .string("one"), .string("many"), .int(0)) == "many")
        #expect(try printed("shuffle", .string("aaa")) == "aaa")
    }

    @Test func stringConversions() throws {
        #expect(try printed("toString", .int(42)) == "42")
        #expect(try printed("toString", Corpus.strs) == "[b a c a]")
        #expect(try printed("toString", .null) == "<nil>")
        #expect(try printed("toString", .float64(2.5)) == "2.5")
        #expect(try printed("toStrings", Corpus.mixed) == "[1 two 3.5 true]")
        #expect(try sprig("toStrings", Corpus.ints).goTypeName == "[]string")
        #expect(try printed("sortAlpha", Corpus.strs) == "[a a b c]")
        #expect(try printed("sortAlpha", Corpus.mixed) == "[1 3.5 true two]")
    }

    @Test func randomStringsHaveTheRequestedShape() throws {
        #expect(try printed("randAlphaNum", .int(8)).count == 8)
        #expect(try printed("randAlpha", .int(5)).allSatisfy { $0.isASCII && $0.isLetter })
        #expect(try printed("randNumeric", .int(4)).allSatisfy { $0.isASCII && $0.isNumber })
        #expect(try printed("randAscii", .int(3)).count == 3)
    }
}
