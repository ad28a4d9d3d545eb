/// Renders the cluster map, the centroid heatmap and each cluster's profile and playlist.
enum ClustersPage {
    static func body(_ data: ClusterData, links: Bool = true) -> String {
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
        if let pca = data.pca {
            let clusterCount = (data.clusters.map(\.clusterID).max() ?? -1) + 1
            var scatter = ScatterPlot(
                title: "Tracks on the first two principal components (\(HTML.count(data.points.count)) of \(HTML.count(data.tracksWithFeatures)))",
                points: data.points.map { p in
                    .init(x: p.x, y: p.y, group: max(0, p.cluster), title: p.label + (p.cluster >= 0 ? " (cluster \(p.cluster))" : ""))
                },
                xLabel: "PC1 (\(HTML.percent(pca.explained.first)) of variance)",
                yLabel: "PC2 (\(HTML.percent(pca.explained.count > 1 ? pca.explained[1] : nil)) of variance)")
            scatter.groupNames = (0..<max(0, clusterCount)).map { "cluster \($0)" }
            scatter.radius = 2
            scatter.width = 760
            html += "<div class=\"panel\">" + scatter.render() + "</div>"
            html += "<p class=\"note\">PCA of the nine standardized audio features. Loadings: "
            for (k, component) in pca.components.enumerated() {
                let top = component.indices.sorted { abs(component[$0]) > abs(component[$1]) }.prefix(3)
                html += "PC\(k + 1) " + top.map { "\(HTML.escape(pca.features[$0])) \(HTML.number(component[$0], 2))" }.joined(separator: ", ") + "; "
            }
            html += "</p>"
            if !data.clusters.isEmpty {
                let values = data.clusters.map { cluster in
                    pca.features.enumerated().map { c, feature in
                        let value = cluster.centroid.first { $0.feature == feature }?.value ?? pca.means[c]
                        return (value - pca.means[c]) / pca.scales[c]
                    }
                }
                let raw = data.clusters.map { cluster in Dictionary(cluster.centroid.map { ($0.feature, $0.value) }, uniquingKeysWith: { a, _ in a }) }
                var heatmap = Heatmap(title: "Cluster centroids (standard deviations from the mean track)",
                                      rowLabels: data.clusters.map { "cluster \($0.clusterID) (\(HTML.count($0.size)))" },
                                      columnLabels: pca.features, values: values, scale: .diverging(limit: 2))
                heatmap.cellSize = 40
                heatmap.decimals = 1
                let features = pca.features, clusters = data.clusters
                heatmap.cellTitle = { r, c, z in
                    "cluster \(clusters[r].clusterID), \(features[c]): \(HTML.number(raw[r][features[c]], 3)) (\(z >= 0 ? "+" : "")\(HTML.number(z, 2)) sd)"
                }
                html += "<div class=\"panel\">" + heatmap.render() + "</div>"
            }
        }
        for cluster in data.clusters {
            html += "<h2 id=\"cluster-\(cluster.clusterID)\">Cluster \(cluster.clusterID) · \(HTML.count(cluster.size)) tracks</h2>"
            if !cluster.topGenres.isEmpty {
                html += "<p>Top genres: " + cluster.topGenres.map { "\(HTML.escape($0.genre)) (\(HTML.count($0.tracks)))" }.joined(separator: ", ") + "</p>"
            }
            html += "<p class=\"note\">Centroid: " + cluster.centroid.map { "\(HTML.escape($0.feature)) \(HTML.number($0.value, 2))" }.joined(separator: " · ") + "</p>"
            if !cluster.typical.isEmpty {
                html += "<table><tr><th>#</th><th>most typical tracks</th><th>distance</th></tr>"
                for (i, t) in cluster.typical.enumerated() {
                    let label = HTML.escape(t.track.label)
                    let cell = links ? "<a href=\"/recommend?track=\(HTML.query(t.track.trackID))\">\(label)</a>" : label
                    html += "<tr><td class=\"num\">\(i + 1)</td><td>\(cell)</td><td class=\"num\">\(HTML.number(t.distance, 3))</td></tr>"
                }
                html += "</table>"
                if links {
                    let ids = cluster.typical.map { HTML.query($0.track.trackID) }.joined(separator: ",")
                    html += "<p><a class=\"button\" href=\"/recommend/playlist.m3u?ids=\(ids)\">Download as M3U</a></p>"
                }
            }
        }
        return html
    }
}
