// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Repogen",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "RepogenRuntime", targets: ["RepogenRuntime"]),
        .library(name: "RepogenTesting", targets: ["RepogenTesting"]),
        .library(name: "RepogenRedis", targets: ["RepogenRedis"]),
        .library(name: "RepogenBackup", targets: ["RepogenBackup"]),
        .library(name: "RepogenAdvisor", targets: ["RepogenAdvisor"]),
        .library(name: "RepogenCore", targets: ["RepogenCore"]),
        .executable(name: "repogen", targets: ["repogen"]),
        .plugin(name: "RepogenPlugin", targets: ["RepogenPlugin"]),
        .plugin(name: "RepogenMigrate", targets: ["RepogenMigrate"]),
        .plugin(name: "RepogenInspect", targets: ["RepogenInspect"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.2.0"),
        // `make docs`: the DocC catalogs of RepogenRuntime and RepogenTesting (a command plugin; nothing links it).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // C libraries, found through pkg-config; the providers name the Debian packages.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // No pkgConfig: hiredis.pc adds -D_FILE_OFFSET_BITS=64, which SwiftPM refuses with a warning on every build;
        // the header is in /usr/include/hiredis and the module map links libhiredis (apt: libhiredis-dev).
        .systemLibrary(name: "CHiredis"),

        // Generator: schema.yaml -> Schema -> render contexts -> Swift and SQL.
        // PostgreSQL's lexical rules, shared by the generator (predicates) and the runtime (migration splitting).
        .target(name: "RepogenSQL"),
        .target(
            name: "RepogenCore",
            dependencies: ["CYAML", "RepogenSQL", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .executableTarget(
            name: "repogen",
            dependencies: [
                "RepogenCore", "RepogenRuntime", "RepogenBackup", "RepogenAdvisor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The generator alone (RepogenCore, no runtime): what the build plugin runs, so a consumer's first build
        // does not compile the runtime and its dependencies a second time for the host.
        .executableTarget(name: "repogen-generate", dependencies: ["RepogenCore"]),
        .plugin(name: "RepogenPlugin", capability: .buildTool(), dependencies: ["repogen-generate"]),
        .plugin(
            name: "RepogenMigrate",
            capability: .command(
                intent: .custom(verb: "repogen-migrate", description: "Write, check or apply schema migrations."),
                permissions: [.writeToPackageDirectory(reason: "writes Generated/migrations, schema.sql and the snapshot")]
            ),
            dependencies: ["repogen"]
        ),
        // The read-only verbs (check, status) without a permission prompt: SwiftPM grants permissions per plugin.
        .plugin(
            name: "RepogenInspect",
            capability: .command(
                intent: .custom(
                    verb: "repogen-inspect",
                    description: "Check the committed migrations or show a database's status; writes nothing."
                )
            ),
            dependencies: ["repogen"]
        ),

        // Runtime the generated code compiles against.
        .target(
            name: "RepogenRuntime",
            dependencies: [
                "CLibPQ", "RepogenSQL", .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        .target(name: "RepogenTesting", dependencies: ["RepogenRuntime"]),
        // Verified backups with pg_dump/pg_restore (a library of its own: it spawns processes and writes files,
        // which an application linking only the runtime never needs).
        .target(
            name: "RepogenBackup",
            dependencies: [
                "RepogenRuntime", .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The performance advisor (`db.performanceReport()`, `repogen advise`): reads the server's statistics views
        // and names findings with the generator's own statement texts and schema lines, so it links RepogenCore,
        // which an application linking only the runtime never needs.
        .target(
            name: "RepogenAdvisor",
            dependencies: [
                "RepogenRuntime", "RepogenCore", "RepogenSQL", .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // The Redis L2 cache tier (a separate library, so only users of Redis need hiredis).
        .target(
            name: "RepogenRedis",
            dependencies: ["CHiredis", "RepogenRuntime", .product(name: "Logging", package: "swift-log")]
        ),
        // A second OS process for the cross-process cache tests (RepogenRuntimeTests/CachePeer*.swift drive it).
        .executableTarget(name: "repogen-cache-peer", dependencies: ["RepogenRuntime"]),
        // The generator's soundness property (Tests/Fixtures/schemas/generator/README.md): random hostile schemas
        // through the reader, swiftc and PostgreSQL; `make generator-property` runs a fixed budget, `make
        // fuzz-generator` until stopped.
        .executableTarget(
            name: "repogen-generator-fuzz",
            dependencies: [
                "RepogenCore", "RepogenRuntime", "RepogenTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Quote Master Pro: the first consumer of the plugin and the runtime.
        .target(
            name: "QuoteMaster",
            dependencies: ["RepogenRuntime"],
            plugins: ["RepogenPlugin"]
        ),
        .executableTarget(
            name: "quotemaster",
            dependencies: [
                "QuoteMaster", "RepogenTesting", "RepogenBackup", "RepogenAdvisor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),

        .testTarget(name: "RepogenCoreTests", dependencies: ["RepogenCore", "RepogenSQL"]),
        .testTarget(
            name: "RepogenRuntimeTests",
            dependencies: [
                "RepogenRuntime", "RepogenTesting", "RepogenRedis",
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ]
        ),
        .testTarget(
            name: "RepogenBackupTests",
            dependencies: [
                "RepogenBackup", "RepogenRuntime", "RepogenTesting",
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "QuoteMasterTests", dependencies: ["QuoteMaster", "RepogenTesting"]),
        .testTarget(
            name: "RepogenAdvisorTests",
            dependencies: [
                "RepogenAdvisor", "QuoteMaster", "RepogenCore", "RepogenRuntime", "RepogenTesting",
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
        .testTarget(name: "RepogenMigrationTests", dependencies: ["RepogenCore", "RepogenRuntime", "RepogenTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
