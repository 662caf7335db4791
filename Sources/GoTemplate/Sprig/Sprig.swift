/// Sprig v3's function map with Kanister's FIPS refusals. Owned by the sprig work.
extension FunctionMap {
    public static var sprig: FunctionMap { FunctionMap() }
}
