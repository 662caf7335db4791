/// Sprig v3.2.3's function map (`sprig.TxtFuncMap()`), with Kanister's FIPS
/// refusals. Built once: the map is a stored static so a render pays nothing to
/// look functions up.
extension FunctionMap {
    public static let sprig: FunctionMap = {
        var map = FunctionMap()
        let groups: [[TemplateFunction]] = [
            SprigStrings.functions, SprigLists.functions, SprigDicts.functions,
            SprigDefaults.functions, SprigMath.functions, SprigEncoding.functions,
            SprigSystem.functions, SprigRegex.functions, SprigDates.functions, SprigSemver.functions,
        ]
        for group in groups {
            for function in group { map.add(function) }
        }
        return map
    }()
}
