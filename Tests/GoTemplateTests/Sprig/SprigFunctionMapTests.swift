import Testing
@testable import GoTemplate

@Suite struct SprigFunctionMapTests {
    /// Every name in sprig v3.2.3's `genericMap` (functions.go), \(210) in all.
    static let sprigNames: [String] = [
            "abbrev", "abbrevboth", "add", "add1", "add1f", "addf", "adler32sum", "ago",
            "all", "any", "append", "atoi", "b32dec", "b32enc", "b64dec", "b64enc",
            "base", "bcrypt", "biggest", "buildCustomCert", "camelcase", "cat", "ceil", "chunk",
            "clean", "coalesce", "compact", "concat", "contains", "date", "dateInZone", "dateModify",
            "date_in_zone", "date_modify", "decryptAES", "deepCopy", "deepEqual", "default", "derivePassword", "dict",
            "dig", "dir", "div", "divf", "duration", "durationRound", "empty", "encryptAES",
            "env", "expandenv", "ext", "fail", "first", "float64", "floor", "fromJson",
            "genCA", "genCAWithKey", "genPrivateKey", "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey", "get",
            "getHostByName", "has", "hasKey", "hasPrefix", "hasSuffix", "hello", "htmlDate", "htmlDateInZone",
            "htpasswd", "indent", "initial", "initials", "int", "int64", "isAbs", "join",
            "kebabcase", "keys", "kindIs", "kindOf", "last", "list", "lower", "max",
            "maxf", "merge", "mergeOverwrite", "min", "minf", "mod", "mul", "mulf",
            "mustAppend", "mustChunk", "mustCompact", "mustDateModify", "mustDeepCopy", "mustFirst", "mustFromJson", "mustHas",
            "mustInitial", "mustLast", "mustMerge", "mustMergeOverwrite", "mustPrepend", "mustPush", "mustRegexFind", "mustRegexFindAll",
            "mustRegexMatch", "mustRegexReplaceAll", "mustRegexReplaceAllLiteral", "mustRegexSplit", "mustRest", "mustReverse", "mustSlice", "mustToDate",
            "mustToJson", "mustToPrettyJson", "mustToRawJson", "mustUniq", "mustWithout", "must_date_modify", "nindent", "nospace",
            "now", "omit", "osBase", "osClean", "osDir", "osExt", "osIsAbs", "pick",
            "pluck", "plural", "prepend", "push", "quote", "randAlpha", "randAlphaNum", "randAscii",
            "randBytes", "randInt", "randNumeric", "regexFind", "regexFindAll", "regexMatch", "regexQuoteMeta", "regexReplaceAll",
            "regexReplaceAllLiteral", "regexSplit", "repeat", "replace", "rest", "reverse", "round", "semver",
            "semverCompare", "seq", "set", "sha1sum", "sha256sum", "shuffle", "slice", "snakecase",
            "sortAlpha", "split", "splitList", "splitn", "squote", "sub", "subf", "substr",
            "swapcase", "ternary", "title", "toDate", "toDecimal", "toJson", "toPrettyJson", "toRawJson",
            "toString", "toStrings", "trim", "trimAll", "trimPrefix", "trimSuffix", "trimall", "trunc",
            "tuple", "typeIs", "typeIsLike", "typeOf", "uniq", "unixEpoch", "unset", "until",
            "untilStep", "untitle", "upper", "urlJoin", "urlParse", "uuidv4", "values", "without",
            "wrap", "wrapWith",
    ]

    @Test func containsEverySprigFunction() {
        let missing = Self.sprigNames.filter { FunctionMap.sprig[$0] == nil }
        #expect(missing.isEmpty, "missing: \(missing)")
    }

    @Test func containsNothingSprigLacks() {
        let extra = FunctionMap.sprig.functions.keys.filter { !Self.sprigNames.contains($0) }
        #expect(extra.isEmpty, "not in sprig: \(extra.sorted())")
    }

    @Test func signaturesMatchGo() throws {
        #expect(FunctionMap.sprig["trunc"]!.parameters == [.int, .string])
        #expect(FunctionMap.sprig["add1"]!.parameters == [.any])
        #expect(FunctionMap.sprig["add"]!.variadic == .any)
        #expect(FunctionMap.sprig["date"]!.parameters == [.string, .any])
        #expect(FunctionMap.sprig["dateModify"]!.parameters == [.string, .object(typeName: "time.Time")])
        #expect(FunctionMap.sprig["until"]!.parameters == [.int])
        #expect(FunctionMap.sprig["list"]!.variadic == .any && FunctionMap.sprig["list"]!.parameters.isEmpty)
        #expect(FunctionMap.sprig["hasKey"]!.parameters == [.map, .string])
        #expect(FunctionMap.sprig["ternary"]!.parameters == [.any, .any, .bool])
        #expect(FunctionMap.sprig["round"]!.parameters == [.any, .int] && FunctionMap.sprig["round"]!.variadic == .float64)
        #expect(FunctionMap.sprig["regexFindAll"]!.parameters == [.string, .string, .int])
    }
}
