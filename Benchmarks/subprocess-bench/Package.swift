// swift-tools-version: 6.1
// Issue 11: swift-subprocess 1.0.2 against our NIO-based ChildProcesses stack —
// throughput and peak RSS reading a child's stdout, and spawn+reap latency.
// Run through ../subprocess-bench.sh (release build, own scratch path).
import PackageDescription

let package = Package(
    name: "subprocess-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../.."),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", exact: "1.0.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
    ],
    targets: [
        .executableTarget(
            name: "subprocess-bench",
            dependencies: [
                .product(name: "ChildProcesses", package: "main"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        )
    ]
)
