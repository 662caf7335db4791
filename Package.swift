// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "blueprint",
    // Linux (glibc) is where this runs and is tested; the macOS line only states
    // the floor the APIs used (Synchronization's Mutex) would need there.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "blueprint", targets: ["blueprint"]),
        .library(name: "GoTemplate", targets: ["GoTemplate"]),
        .library(name: "BlueprintModel", targets: ["BlueprintModel"]),
        .library(name: "ObjectStore", targets: ["ObjectStore"]),
        .library(name: "ChildProcesses", targets: ["ChildProcesses"]),
        .library(name: "DataRepository", targets: ["DataRepository"]),
        .library(name: "KubeClient", targets: ["KubeClient"]),
        .library(name: "BlueprintEngine", targets: ["BlueprintEngine"]),
        .library(name: "BlueprintFunctions", targets: ["BlueprintFunctions"]),
        .library(name: "Applications", targets: ["Applications"]),
        // For the fuzzers in Fuzz/ (a package of their own) and the test that replays their corpora.
        .library(name: "FuzzEntries", targets: ["FuzzEntries"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.25.0"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.0.0"),
    ],
    targets: [
        // RE2 (Debian libre2-dev) behind a C API, for GoTemplate's regex functions:
        // linear-time matching with Go's regexp syntax and semantics.
        .target(name: "CRE2Shim", linkerSettings: [.linkedLibrary("re2")]),
        // The one duration grammar (Go's time.ParseDuration, plus d and w) and how
        // durations are printed: a leaf, so templates, blueprints and profiles share it.
        .target(name: "Durations"),
        .target(
            name: "GoTemplate",
            dependencies: [
                "CRE2Shim", "Durations",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "BlueprintModel",
            dependencies: [
                "Durations", "GoTemplate",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "ObjectStore",
            dependencies: [
                "Durations",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The one way a child process is started, supervised and read (Exec phases,
        // database clients, lock sessions, credential plugins): knows nothing of ours.
        // The data mover's repository, starting with the tar stream reader; knows
        // no Kubernetes.
        // libzstd (Debian libzstd-dev, installed by scripts/setup.sh).
        .systemLibrary(name: "CZstd"),
        .target(name: "DataRepository", dependencies: [
            "CZstd", "ObjectStore",
            .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        .target(
            name: "ChildProcesses",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "KubeClient",
            dependencies: [
                "ChildProcesses",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "BlueprintEngine",
            dependencies: [
                "BlueprintModel", "Durations", "GoTemplate", "ObjectStore", "ChildProcesses",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .target(
            name: "BlueprintFunctions",
            dependencies: [
                "BlueprintEngine", "BlueprintModel", "DataRepository", "Durations", "GoTemplate", "KubeClient", "ObjectStore", "ChildProcesses",
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ]
        ),
        // An application as a whole: its components (workloads and their blueprints)
        // run as one application backup or restore, the capture of its definitions
        // (Kubernetes objects) and their ordered restore; shared by the CLI and,
        // later, the in-cluster controller.
        .target(
            name: "Applications",
            dependencies: [
                "BlueprintEngine", "BlueprintFunctions", "BlueprintModel", "KubeClient", "ObjectStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Runs the data-service core in a process of its own: a lock holder tests can
        // kill with SIGKILL, and pg_dump streaming for Benchmarks/pgdump-bench.sh.
        .executableTarget(
            name: "data-services-probe",
            dependencies: ["BlueprintFunctions"],
            path: "Tests/DataServicesProbe"
        ),
        // One "run this input" function per fuzz target, shared by the libFuzzer
        // executables (Fuzz/Package.swift) and FuzzEntriesTests, which replays the
        // seed corpora and every crash found in the ordinary test suite.
        .target(
            name: "FuzzEntries",
            dependencies: [
                "BlueprintModel", "BlueprintFunctions", "BlueprintEngine", "GoTemplate", "ObjectStore", "KubeClient",
                "ChildProcesses", .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .target(name: "CMallocTuning"),
        .executableTarget(
            name: "blueprint",
            dependencies: [
                "CMallocTuning", "ChildProcesses", "GoTemplate", "BlueprintModel", "ObjectStore", "KubeClient",
                "BlueprintEngine", "BlueprintFunctions", "Applications", "DataRepository", "Durations",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // What the engine's and the functions' tests share (scratch folders, in-process
        // runs, test functions, log and event capture): test targets cannot import each other.
        .target(
            name: "EngineTestSupport",
            dependencies: [
                "BlueprintEngine", "BlueprintFunctions", "BlueprintModel",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/EngineTestSupport"
        ),
        // Directories to back up and how to compare them (names as bytes, times to the nanosecond).
        .target(
            name: "FileTreeSupport",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            path: "Tests/FileTreeSupport"
        ),
        .testTarget(
            name: "GoTemplateTests", dependencies: ["GoTemplate"],
            exclude: ["Sprig/generate_reference_cases.py", "Sprig/ReferenceProbes", "Conformance"]
        ),
        .testTarget(name: "BlueprintModelTests", dependencies: ["BlueprintModel", "BlueprintFunctions"], exclude: ["Fixtures"]),
        .testTarget(name: "DurationsTests", dependencies: ["Durations"]),
        .testTarget(name: "ObjectStoreTests", dependencies: ["ObjectStore"]),
        .testTarget(name: "KubeClientTests", dependencies: ["KubeClient"]),
        .testTarget(name: "DataRepositoryTests", dependencies: [
            "DataRepository", "ChildProcesses", "FileTreeSupport", "ObjectStore", .product(name: "Crypto", package: "swift-crypto"),
        ], exclude: ["Repository/Fixtures"]),
        .testTarget(
            name: "ChildProcessesTests",
            dependencies: ["ChildProcesses", .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(
            name: "BlueprintEngineTests",
            dependencies: [
                "BlueprintEngine", "BlueprintFunctions", "ChildProcesses", "EngineTestSupport",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "BlueprintFunctionsTests",
            dependencies: [
                "BlueprintFunctions", "BlueprintEngine", "BlueprintModel", "ChildProcesses", "EngineTestSupport", "data-services-probe",
                "FileTreeSupport", "DataRepository",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(name: "BlueprintCLITests", dependencies: [
            "blueprint", "ChildProcesses", "FileTreeSupport", "DataRepository", "ObjectStore", .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .testTarget(name: "ApplicationsTests", dependencies: [
            "Applications", "BlueprintEngine", "BlueprintModel", "KubeClient", "ObjectStore",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "FuzzEntriesTests", dependencies: ["FuzzEntries"]),
    ]
)
