/// A Go `complex128` constant (`{{ 1i }}`), printed as `(0+1i)`.
struct ComplexNumber: GoObject, GoTruthValued {
    let real: Double
    let imag: Double
    var goTypeName: String { "complex128" }
    var goKind: String { "complex128" }
    var goDescription: String {
        var p = GoPrinter()
        p.printArg(.object(self), verb: 0x76)
        return p.string
    }
    var goTruth: Bool { real != 0 || imag != 0 }
    func member(_ name: String) -> GoMember? { nil }
    func goEquals(_ other: any GoObject) -> Bool? {
        guard let o = other as? ComplexNumber else { return nil }
        return o.real == real && o.imag == imag
    }
}
