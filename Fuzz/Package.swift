// swift-tools-version: 6.1
import PackageDescription

// The libFuzzer executables, a package apart from the root one: they are built
// only with `-sanitize=fuzzer,address` by scripts/fuzz.sh, never by the root
// package's `swift build` or CI. Each one calls the same FuzzEntries function
// that FuzzEntriesTests uses to replay Fuzz/Corpus and Fuzz/Crashes in the
// ordinary test suite.
let targets: [(product: String, directory: String)] = [
    ("FuzzBlueprint", "Blueprint"),
    ("FuzzTemplate", "Template"),
    ("FuzzS3XML", "S3XML"),
    ("FuzzKubeconfig", "Kubeconfig"),
    ("FuzzExecFrames", "ExecFrames"),
    ("FuzzPhaseOutput", "PhaseOutput"),
]

let package = Package(
    name: "blueprint-fuzz",
    platforms: [.macOS(.v15)],
    products: targets.map { .executable(name: $0.product, targets: [$0.product]) },
    dependencies: [.package(name: "blueprint", path: "..")],
    targets: [.target(name: "CLibFuzzer")] + targets.map {
        .executableTarget(
            name: $0.product,
            dependencies: ["CLibFuzzer", .product(name: "FuzzEntries", package: "blueprint")],
            path: "Sources/\($0.directory)"
        )
    }
)
