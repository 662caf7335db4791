import Testing
@testable import GoTemplate

@Suite struct SprigListsTests {
    @Test func listAccessors() throws {
        #expect(try printed("list", .int(1), .string("a"), .float64(2.5)) == "[1 a 2.5]")
        #expect(try printed("list") == "[]")
        #expect(try printed("first", .list([.string("p1"), .string("p2")])) == "p1")
        #expect(try printed("last", .list([.string("p1"), .string("p2")])) == "p2")
        #expect(try sprig("first", Corpus.empty).goKindName == "invalid")
        #expect(failure("first", .null) == "runtime error: invalid memory address or nil pointer dereference")
        #expect(failure("first", .string("abc")) == "Cannot find first on type string")
        #expect(failure("mustRest", .int(1)) == "Cannot find rest on type int")
        #expect(try printed("rest", Corpus.strs) == "[a c a]")
        #expect(try printed("initial", Corpus.strs) == "[b a c]")
        #expect(try printed("last", .list([.int(1), .list([.int(2), .int(3)])])) == "[2 3]")
    }

    @Test func buildingLists() throws {
        #expect(try printed("append", Corpus.strs, .string("z")) == "[b a c a z]")
        #expect(try printed("prepend", Corpus.strs, .string("z")) == "[z b a c a]")
        #expect(try printed("push", Corpus.ints, .int(4)) == "[3 1 2 4]")
        #expect(try printed("concat", Corpus.strs, Corpus.ints, .list([.string("x")])) == "[b a c a 3 1 2 x]")
        #expect(failure("append", .null, .int(1)) == "runtime error: invalid memory address or nil pointer dereference")
        #expect(try printed("reverse", Corpus.strs) == "[a c a b]")
        #expect(try printed("mustChunk", .int(2), .list([.int(1), .int(2), .int(3)])) == "[[1 2] [3]]")
        #expect(try printed("chunk", .int(2), Corpus.dups) == "[[1 1] [2 3] [3 3]]")
    }

    @Test func setOperationsUseDeepEqualWithExactTypes() throws {
        #expect(try printed("uniq", Corpus.dups) == "[1 2 3]")
        #expect(try printed("uniq", Corpus.strs) == "[b a c]")
        #expect(try printed("uniq", .list([.list([.int(1)]), .list([.int(1)])])) == "[[1]]")
        #expect(try printed("has", .string("a"), Corpus.strs) == "true")
        #expect(try printed("has", .int(2), Corpus.ints) == "false")
        #expect(try printed("has", .float64(2), Corpus.ints) == "false")
        #expect(try printed("has", .string("q"), .null) == "false")
        #expect(try printed("without", Corpus.dups, .int(3), .int(1)) == "[1 1 2 3 3 3]")
        #expect(try printed("without", Corpus.strs, .string("a")) == "[b c]")
        #expect(try printed("compact", .list([.int(1), .int(0), .string(""), .string("a"), .null, .list([])])) == "[1 a]")
    }

    @Test func sliceReplacesGoBuiltin() throws {
        let l = Value.list([.int(1), .int(2), .int(3), .int(4)])
        #expect(try printed("slice", l, .int(1), .int(3)) == "[2 3]")
        #expect(try printed("mustSlice", .list([.int(1), .int(2), .int(3)]), .int(1)) == "[2 3]")
    }

    @Test func sequences() throws {
        #expect(try printed("seq", .int(5)) == "1 2 3 4 5")
        #expect(try printed("seq", .int(2), .int(5)) == "2 3 4 5")
        #expect(try printed("seq", .int(10), .int(-3), .int(1)) == "10 7 4 1")
        #expect(try printed("seq", .int(0)) == "1 0")
        #expect(try printed("until", .int(3)) == "[0 1 2]")
        #expect(try sprig("until", .int(3)).goTypeName == "[]int")
        #expect(try printed("untilStep", .int(3), .int(10), .int(2)) == "[3 5 7 9]")
        #expect(try printed("untilStep", .int(10), .int(0), .int(-4)) == "[10 6 2]")
    }
}

@Suite struct SprigDictsTests {
    @Test func dictConstruction() throws {
        #expect(try printed("dict", .string("a"), .int(1), .string("b"), .string("two")) == "map[a:1 b:two]")
        #expect(try printed("dict") == "map[]")
        #expect(try printed("dict", .string("a")) == "map[a:]")
        #expect(try printed("dict", .string("a"), .int(1), .string("a"), .int(2)) == "map[a:2]")
        #expect(try printed("dict", .int(1), .string("x")) == "map[1:x]")
    }

    @Test func accessors() throws {
        #expect(try printed("get", Corpus.options, .string("backupName")) == "nightly")
        #expect(try printed("get", Corpus.options, .string("nope")) == "")
        #expect(try printed("set", .map(["a": .int(1)]), .string("b"), .int(2)) == "map[a:1 b:2]")
        #expect(try printed("unset", .map(["a": .int(1), "b": .int(2)]), .string("a")) == "map[b:2]")
        #expect(try printed("hasKey", Corpus.options, .string("retention")) == "true")
        #expect(try printed("keys", Corpus.options) == "[backupName compress databases empty retention threads]")
        #expect(try printed("values", Corpus.labels) == "[mysql mysql-server backend]")
        #expect(try printed("pluck", .string("name"), .map(["name": .string("mysql")]), .map(["name": .string("other")]), .map([:])) == "[mysql other]")
        #expect(try printed("pick", Corpus.labels, .string("app"), .string("nope")) == "map[app:mysql]")
        #expect(try printed("omit", Corpus.labels, .string("app")) == "map[app.kubernetes.io/name:mysql-server tier:backend]")
    }

    @Test func dig() throws {
        let profile = Value.map(["Location": Corpus.location, "Credential": .map(["KeyPair": .map(["ID": .string("AKIA")])])])
        #expect(try printed("dig", .string("Location"), .string("Bucket"), .string("none"), profile) == "kanister-backups")
        #expect(try printed("dig", .string("Location"), .string("Nope"), .string("none"), profile) == "none")
        #expect(try printed("dig", .string("Credential"), .string("KeyPair"), .string("ID"), .string(""), profile) == "AKIA")
        let nested = Value.map(["a": .map(["b": .null])])
        #expect(try sprig("dig", .string("a"), .string("b"), .string("dflt"), nested).goKindName == "invalid")
    }

    @Test func mergeFollowsMergo() throws {
        let a = Value.map(["x": .int(1), "y": .int(2)]), b = Value.map(["y": .int(3), "z": .int(4)])
        #expect(try printed("merge", a, b) == "map[x:1 y:2 z:4]")
        #expect(try printed("mergeOverwrite", a, b) == "map[x:1 y:3 z:4]")
        let deep = try sprig("merge", .map(["x": .map(["p": .int(1)])]), .map(["x": .map(["q": .int(2)])]))
        #expect(try GoJSON.encode(deep) == #"{"x":{"p":1,"q":2}}"#)
        #expect(try printed("mustMerge", .map(["a": .int(1)]), .map(["b": .int(2)])) == "map[a:1 b:2]")
        #expect(try printed("mustMergeOverwrite", .map(["a": .int(1)]), .map(["a": .int(2)])) == "map[a:2]")
        #expect(try printed("deepCopy", .map(["a": .int(1)])) == "map[a:1]")
    }

    @Test func reflection() throws {
        #expect(try printed("kindOf", Corpus.options) == "map")
        #expect(try printed("kindOf", Corpus.strs) == "slice")
        #expect(try printed("kindOf", .int64(7)) == "int64")
        #expect(try printed("kindOf", .float64(2.5)) == "float64")
        #expect(try printed("kindOf", .null) == "invalid")
        #expect(try printed("typeOf", .int64(7)) == "int64")
        #expect(try printed("typeIs", .string("int64"), .int64(7)) == "true")
        #expect(try printed("typeIsLike", .string("int64"), .int64(7)) == "true")
        #expect(try printed("typeIsLike", .string("*int64"), .int64(7)) == "false")
        #expect(try printed("kindIs", .string("map"), Corpus.options) == "true")
        #expect(try printed("deepEqual", Corpus.strs, .list(["b", "a", "c", "a"].map { .string($0) })) == "true")
        #expect(try printed("typeOf", try sprig("now")) == "time.Time")
        #expect(try printed("kindOf", try sprig("now")) == "struct")
    }
}
