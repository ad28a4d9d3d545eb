// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Jukebox",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jukebox", targets: ["jukebox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // Value types shared by everything; no dependencies.
        .target(name: "Core"),
        // Pure-Swift models and metrics; never touches SQLite.
        .target(name: "Learning"),
        // The SQLite warehouse: open, migrate, read, write. SHA-256 (migration checksums, ingest fingerprints) from swift-crypto.
        .target(
            name: "Store",
            dependencies: [
                "Core",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedMigrations"]
        ),
        // Streaming CSV reader, header mapping, validation and batched loading.
        // Spotify's .zip downloads are read in process with ZIPFoundation.
        .target(
            name: "Ingest",
            dependencies: ["Core", "Store", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Questions over the warehouse: training jobs with write-back, trends, recommendations, playlists.
        .target(
            name: "Analytics",
            dependencies: ["Core", "Store", "Learning", "Ingest", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The local web app and the HTML report: Hummingbird routes, pages and SVG charts. It asks Analytics and Store
        // and renders; it does not depend on GRDB, so it cannot reach the tables itself.
        .target(
            name: "Web",
            dependencies: [
                "Core", "Store", "Analytics", "Learning",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // The one binary: parsing and rendering only (no GRDB dependency, like the web app).
        .executableTarget(
            name: "jukebox",
            dependencies: [
                "Core", "Store", "Ingest", "Analytics", "Web",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmark driver for the learning engine (bench/learning): reads prepared numeric files.
        .executableTarget(name: "LearningBench", dependencies: ["Learning"]),
        // Build-time tool: turns migrations/*.sql into Swift source so the binary carries them.
        .executableTarget(name: "MigrationEmbedder"),
        .plugin(name: "EmbedMigrations", capability: .buildTool(), dependencies: ["MigrationEmbedder"]),

        // Helpers several test targets share (zip archives made for a test).
        .target(name: "TestFixtures", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")], path: "Tests/TestFixtures"),
        .testTarget(name: "CoreTests", dependencies: ["Core"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "IngestTests",
            dependencies: ["Ingest", "Store", "Core", "Learning", .product(name: "GRDB", package: "GRDB.swift"), "TestFixtures"]
        ),
        .testTarget(name: "AnalyticsTests", dependencies: ["Analytics", "Core", "Ingest", "Store", "Learning", .product(name: "GRDB", package: "GRDB.swift")]),
        // Help/ holds the golden help texts the tests read from the source tree.
        .testTarget(
            name: "JukeboxCLITests",
            dependencies: ["Store", .product(name: "GRDB", package: "GRDB.swift"), "TestFixtures"],
            exclude: ["Help"]
        ),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web", "Analytics", "Ingest", "Store",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
