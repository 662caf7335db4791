import CLibFuzzer
import Foundation
import FuzzEntries

/// libFuzzer's per-input entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzTarget.blueprint.run(bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}

/// Hands the command line to libFuzzer's driver (see CLibFuzzer.h for why not its own `main`).
@main enum Driver {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
    }
}
