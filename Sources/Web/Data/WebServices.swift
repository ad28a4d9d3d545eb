import Analytics
import Foundation
import Store

/// What every controller shares: the read-only warehouse, the page cache and the decoded genre model.
public final class WebServices: Sendable {
    public let warehouse: Warehouse
    let cache = PageCache()
    let predictors = PredictorCache()

    public init(warehouse: Warehouse) {
        self.warehouse = warehouse
    }

    /// One read of the warehouse, without holding a thread while it waits.
    func withReader<T: Sendable>(_ body: @escaping @Sendable (WarehouseReader) throws -> T) async throws -> T {
        try await warehouse.read(body)
    }

    /// Page data under `key`, recomputed only when the warehouse's data stamp changes (read in the same snapshot).
    func cached<T: Sendable>(_ key: String, _ compute: @escaping @Sendable (WarehouseReader) throws -> T) async throws -> T {
        let cache = self.cache
        return try await warehouse.read { reader in
            try cache.value(key, stamp: try WarehouseStamp.read(reader)) { try compute(reader) }
        }
    }

    /// The same, for callers that are not async (the report).
    func cachedNow<T: Sendable>(_ key: String, _ compute: @escaping @Sendable (WarehouseReader) throws -> T) throws -> T {
        let cache = self.cache
        return try warehouse.read { reader in
            try cache.value(key, stamp: try WarehouseStamp.read(reader)) { try compute(reader) }
        }
    }

    /// Fills the cache for the pages that read the whole warehouse; errors are left for the pages to report.
    func warmUp() async {
        _ = try? await cached("overview", OverviewData.load)
        _ = try? await cached("genres", GenreData.load)
        _ = try? await GenresController(services: self).predict(GenreSlider.defaults)
        _ = try? await cached("popularity", PopularityData.load)
        _ = try? await cached("clusters", ClusterData.load)
    }

    /// Re-fills the cache soon after the data changes (a retrain writing a new champion), until cancelled.
    func keepWarm(every interval: Duration = .seconds(2)) async {
        var last = try? await withReader { try WarehouseStamp.read($0) }
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let current = try? await withReader { try WarehouseStamp.read($0) }
            if current != last {
                last = current
                await warmUp()
            }
        }
    }
}
