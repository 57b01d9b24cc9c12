// swift-tools-version:6.1
// A consumer of Repogen in another domain (a lending library), set up as the README tells a new user, except that
// it depends on this checkout by path. scripts/test-consumer-fixture builds it and runs its tests.
import Foundation
import PackageDescription

// The checkout three levels up; SwiftPM names a path dependency after its folder (`repogen` for a clone).
let repogenPath = "../../.."
let repogen = URL(fileURLWithPath: Context.packageDirectory).appendingPathComponent(repogenPath)
    .standardizedFileURL.lastPathComponent

let package = Package(
    name: "LibraryConsumer",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: repogenPath),
    ],
    targets: [
        .target(
            name: "Library",
            dependencies: [.product(name: "RepogenRuntime", package: repogen)],
            exclude: ["schema.yaml", "Generated", "templates"],
            plugins: [.plugin(name: "RepogenPlugin", package: repogen)]
        ),
        .testTarget(
            name: "LibraryTests",
            dependencies: ["Library", .product(name: "RepogenTesting", package: repogen)]
        ),
    ],
    swiftLanguageModes: [.v6]
)
