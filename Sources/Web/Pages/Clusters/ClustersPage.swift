/// Renders the cluster map, the centroid heatmap and each cluster's profile and playlist, each chart with its data as CSV.
enum ClustersPage {
    static func body(_ data: ClusterData, links: ChartLinks? = ChartLinks(path: "/clusters.csv")) -> String {
        guard data.tracksWithFeatures > 0 else { return "<p class=\"note\">No tracks with audio features yet: load a dump first.</p>" }
        var html = ""
        if let run = data.run {
            html += run.summaryHTML
            html += "<div class=\"cards\"><div class=\"card\"><b>\(data.clusters.count)</b><span>clusters</span></div>"
                + "<div class=\"card\"><b>\(HTML.number(data.silhouette, 3))</b><span>silhouette</span></div>"
                + "<div class=\"card\"><b>\(HTML.count(data.tracksWithFeatures))</b><span>tracks with features</span></div></div>"
        } else {
            html += "<p class=\"note\">No clusters have been trained yet (run <code>jukebox train clusters</code>); the map shows tracks uncoloured.</p>"
        }
        let tables = Self.tables(data)
        let names = Dictionary(data.clusters.map { ($0.clusterID, $0.name) }, uniquingKeysWith: { a, _ in a })
        if let pca = data.pca {
            let clusterCount = (data.clusters.map(\.clusterID).max() ?? -1) + 1
            var scatter = ScatterPlot(
                title: "Tracks on the first two principal components (\(HTML.count(data.points.count)) of \(HTML.count(data.tracksWithFeatures)))",
                points: data.points.map { p in
                    .init(x: p.x, y: p.y, group: max(0, p.cluster), title: p.label + (p.cluster >= 0 ? " (\(label(p.cluster, names)))" : ""))
                },
                xLabel: "PC1 (\(HTML.percent(pca.explained.first)) of variance)",
                yLabel: "PC2 (\(HTML.percent(pca.explained.count > 1 ? pca.explained[1] : nil)) of variance)")
            scatter.groupNames = (0..<max(0, clusterCount)).map { "\($0) · " + (names[$0] ?? "") }
            scatter.legendColumns = 3
            scatter.legendLabelLimit = 40
            scatter.radius = 2
            scatter.width = 760
            html += ChartLinks.panel(scatter.render(), tables[0], links, id: "cluster-map")
            html += "<p class=\"note\">PCA of the nine standardized audio features. Loadings: "
            for (k, component) in pca.components.enumerated() {
                let top = component.indices.sorted { abs(component[$0]) > abs(component[$1]) }.prefix(3)
                html += "PC\(k + 1) " + top.map { "\(HTML.escape(pca.features[$0])) \(HTML.number(component[$0], 2))" }.joined(separator: ", ") + "; "
            }
            html += "</p>"
        }
        if !data.clusters.isEmpty {
            html += ChartLinks.panel(heatmap(data.clusters).render(), tables[1], links, id: "cluster-centroids")
        }
        for cluster in data.clusters {
            html += "<h2 id=\"cluster-\(cluster.clusterID)\">Cluster \(cluster.clusterID) · <span class=\"cluster-name\">\(HTML.escape(cluster.name))</span>"
                + " · \(HTML.count(cluster.size)) tracks</h2>"
            if !cluster.topGenres.isEmpty {
                html += "<p>Top genres: " + cluster.topGenres.map { "\(HTML.escape($0.genre)) (\(HTML.count($0.tracks)))" }.joined(separator: ", ") + "</p>"
            }
            html += "<p class=\"note\">Centroid: " + cluster.centroid.map { "\(HTML.escape($0.feature)) \(HTML.number($0.value, 2))" }.joined(separator: " · ") + "</p>"
            if !cluster.typical.isEmpty {
                html += "<table><tr><th>#</th><th>most typical tracks</th><th>distance</th></tr>"
                for (i, t) in cluster.typical.enumerated() {
                    let label = HTML.escape(t.track.label)
                    let cell = links != nil ? "<a href=\"/recommend?track=\(HTML.query(t.track.trackID))\">\(label)</a>" : label
                    html += "<tr><td class=\"num\">\(i + 1)</td><td>\(cell)</td><td class=\"num\">\(HTML.number(t.distance, 3))</td></tr>"
                }
                html += "</table>"
                if links != nil {
                    let ids = cluster.typical.map { HTML.query($0.track.trackID) }.joined(separator: ",")
                    html += "<p><a class=\"button\" href=\"/recommend/playlist.m3u?ids=\(ids)\">Download as M3U</a></p>"
                }
            }
        }
        return html
    }

    static func label(_ id: Int, _ names: [Int: String]) -> String {
        "cluster \(id)" + (names[id].map { ": " + $0 } ?? "")
    }

    /// Centroids in standard deviations from the mean track; the colour scale reaches the farthest cell (at least ±2),
    /// so no cell is clipped to the scale's end.
    static func heatmap(_ clusters: [ClusterData.Profile]) -> Heatmap {
        let features = clusters.first?.centroid.map(\.feature) ?? []
        let values = clusters.map { cluster in features.map { f in cluster.centroid.first { $0.feature == f }?.sdFromMean ?? 0 } }
        let farthest = values.joined().map(abs).filter(\.isFinite).max() ?? 0
        var heatmap = Heatmap(title: "Cluster centroids (standard deviations from the mean track)",
                              rowLabels: clusters.map { "\($0.clusterID) · \($0.name) (\(HTML.count($0.size)))" },
                              columnLabels: features, values: values, scale: .diverging(limit: max(2, farthest.rounded(.up))))
        heatmap.cellSize = 40
        heatmap.decimals = 1
        heatmap.labelLimit = 36
        heatmap.cellTitle = { r, c, z in
            "cluster \(clusters[r].clusterID), \(features[c]): \(HTML.number(clusters[r].centroid[c].value, 3)) (\(z >= 0 ? "+" : "")\(HTML.number(z, 2)) sd)"
        }
        return heatmap
    }

    /// The map's drawn points, then the centroids (raw and standardized, one row per cluster and feature).
    static func tables(_ data: ClusterData) -> [ChartTable] {
        let names = Dictionary(data.clusters.map { ($0.clusterID, $0.name) }, uniquingKeysWith: { a, _ in a })
        return [
            ChartTable(name: "map", columns: ["track_id", "track", "cluster_id", "cluster_name", "pc1", "pc2"],
                       rows: data.points.map { p in
                           [p.trackID, p.label, p.cluster >= 0 ? String(p.cluster) : "", names[p.cluster] ?? "", ChartTable.number(p.x), ChartTable.number(p.y)]
                       }),
            ChartTable(name: "centroids", columns: ["cluster_id", "cluster_name", "tracks", "feature", "value", "sd_from_mean"],
                       rows: data.clusters.flatMap { cluster in
                           cluster.centroid.map { [String(cluster.clusterID), cluster.name, String(cluster.size), $0.feature,
                                                   ChartTable.number($0.value), ChartTable.number($0.sdFromMean)] }
                       }),
        ]
    }
}
