extension Duration {
    /// Whole seconds, rounded up: a lease of 1.5 s must not become 1 s.
    var wholeSecondsRoundedUp: Int {
        let parts = components
        return Int(parts.seconds) + (parts.attoseconds > 0 ? 1 : 0)
    }
}
