import Analytics
import Foundation
import Hummingbird
import HummingbirdTesting
@_spi(WarehouseSQL) import Store
import Testing
@testable import Web

/// The Clusters page: legend colours a reader tells apart, a centroid scale that reaches every cell, and a generated
/// name beside each cluster's id.
@Suite struct ClusterPresentationTests {
    /// CIE76 colour difference of two `#rrggbb` colours (sRGB, D65).
    static func deltaE(_ a: String, _ b: String) -> Double {
        func lab(_ hex: String) -> (Double, Double, Double) {
            let v = Int(hex.dropFirst(), radix: 16)!
            func linear(_ c: Int) -> Double { let x = Double(c) / 255; return x <= 0.04045 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4) }
            let (r, g, b) = (linear(v >> 16), linear(v >> 8 & 255), linear(v & 255))
            func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16 / 116 }
            let x = f((r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047), y = f(r * 0.2126 + g * 0.7152 + b * 0.0722)
            let z = f((r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883)
            return (116 * y - 16, 500 * (x - y), 200 * (y - z))
        }
        let (p, q) = (lab(a), lab(b))
        return ((p.0 - q.0) * (p.0 - q.0) + (p.1 - q.1) * (p.1 - q.1) + (p.2 - q.2) * (p.2 - q.2)).squareRoot()
    }

    @Test func twentyClusterColoursAreDistinct() async throws {
        let colours = (0..<20).map(Palette.category)
        var closest = (Double.infinity, "", "")
        for i in 0..<20 { for j in (i + 1)..<20 where Self.deltaE(colours[i], colours[j]) < closest.0 {
            closest = (Self.deltaE(colours[i], colours[j]), colours[i], colours[j])
        } }
        // Cluster 0 and 15 were #1f77b4 and #3182bd (4.6 apart): the same blue to a reader.
        #expect(closest.0 >= 20, "closest pair \(closest.1) and \(closest.2): \(closest.0)")
        // The map's legend draws cluster i in colour i.
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/clusters")
            let clusters = try #require((try await client.fetch("/api/clusters")).json["clusters"] as? [[String: Any]])
            for (i, cluster) in clusters.enumerated() {
                let name = try #require(cluster["name"] as? String)
                #expect(page.body.contains("fill=\"\(colours[i])\"/><text x=") && page.body.contains("<title>\(i) · \(HTML.escape(name))</title>"))
            }
        }
    }

    @Test func centroidScaleCoversEveryCell() async throws {
        try await WebFixture.app().test(.router) { client in
            let clusters = try #require((try await client.fetch("/api/clusters")).json["clusters"] as? [[String: Any]])
            let cells = clusters.flatMap { ($0["centroid"] as? [[String: Any]] ?? []).compactMap { $0["sd_from_mean"] as? Double } }
            let farthest = try #require(cells.map(abs).max())
            try #require(farthest > 2, "the fixture should have a centroid beyond the old ±2 scale (farthest \(farthest))")
            let page = try await client.fetch("/clusters")
            let panel = try #require(page.body.components(separatedBy: "id=\"cluster-centroids\"").dropFirst().first)
            // The legend's two labels: the top (+limit) and the bottom (−limit).
            let labels = panel.matches(of: /font-size="9" text-anchor="start" fill="#222">(-?[0-9.]+)<\/text>/)
                .prefix(2).map { Double(String($0.1))! }
            #expect(labels.count == 2 && labels[0] >= farthest && labels[1] <= -farthest, "legend \(labels), farthest cell \(farthest)")
            // Each cell's hover title gives its value in sd; none lies outside the scale.
            let shown = panel.matches(of: /\(([+-][0-9.]+) sd\)<\/title>/).map { abs(Double(String($0.1))!) }
            #expect(shown.count == cells.count && (shown.max() ?? 0) <= labels[0])
        }
    }

    @Test func eachClusterIsNamedFromItsProfile() async throws {
        #expect(ClusterProfile.name([("danceability", 0.1), ("loudness", 1.2), ("acousticness", -0.9), ("tempo", 1.6), ("valence", 0.6)])
            == "fast, loud, low acousticness")
        #expect(ClusterProfile.name([("energy", -0.7), ("instrumentalness", 2.5)]) == "instrumental, calm")
        #expect(ClusterProfile.name([("energy", 0.2), ("tempo", -0.4)]) == "close to the mean track")
        let runID: Int64 = try #require(try await WebFixture.scalar("SELECT run_id FROM model_runs WHERE task = 'clusters' AND is_champion = 1"))
        let profiles = try await WebFixture.warehouse.read { reader in
            try ClusterProfile.fetch(reader, runID: runID).map { p in
                (p.clusterID, p.name, Dictionary(p.standardized.map { ($0.feature, $0.z) }, uniquingKeysWith: { a, _ in a }))
            }
        }
        // The profile's z-scores are the centroid against the run's own tracks (the standardization the run kept equals
        // the one measured from its tracks), and the name follows from them.
        let measured: [Double] = try await WebFixture.warehouse.pool.read { db in
            try Double.fetchAll(db, sql: """
                SELECT avg(f.tempo) FROM cluster_assignments c JOIN audio_features f ON f.track_id = c.track_id WHERE c.run_id = ?
                UNION ALL SELECT avg(f.tempo * f.tempo) FROM cluster_assignments c JOIN audio_features f ON f.track_id = c.track_id WHERE c.run_id = ?
                UNION ALL SELECT value FROM cluster_centroids WHERE run_id = ? AND cluster_id = 0 AND feature = 'tempo'
                """, arguments: [runID, runID, runID])
        }
        try #require(measured.count == 3)
        let z = (measured[2] - measured[0]) / (measured[1] - measured[0] * measured[0]).squareRoot()
        #expect(abs(profiles[0].2["tempo"]! - z) < 1e-6, "profile \(profiles[0].2["tempo"]!), measured \(z)")
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/clusters")
            let json = try #require((try await client.fetch("/api/clusters")).json["clusters"] as? [[String: Any]])
            for (id, name, _) in profiles {
                #expect(!name.isEmpty)
                #expect(json.first { $0["cluster_id"] as? Int == id }?["name"] as? String == name)
                #expect(page.body.contains("<h2 id=\"cluster-\(id)\">Cluster \(id) · <span class=\"cluster-name\">\(HTML.escape(name))</span>"))
            }
            #expect(Set(profiles.map(\.1)).count > 1, "clusters of one run should not all read alike: \(profiles.map(\.1))")
        }
    }
}
