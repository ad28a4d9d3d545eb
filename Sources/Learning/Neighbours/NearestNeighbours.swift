/// Exact k-nearest-neighbour search by blocked brute force.
public struct NearestNeighbours: Sendable {
    public enum Metric: Sendable, Equatable {
        /// Euclidean distance.
        case euclidean
        /// 1 - cosine similarity (rows are normalised at fit time; a zero row is at distance 1 from everything).
        case cosine
    }

    public var metric: Metric

    public init(metric: Metric = .euclidean) { self.metric = metric }

    public func fit(_ x: FeatureMatrix) throws -> NearestNeighboursIndex {
        guard x.rowCount > 0 else { throw LearningError.emptyInput("no rows to index") }
        guard !x.values.contains(where: { !$0.isFinite }) else {
            throw LearningError.invalidArgument("nearest neighbours need finite values; impute missing values first")
        }
        return NearestNeighboursIndex(x, metric: metric)
    }
}

/// One neighbour: row index in the fitted matrix and its distance.
public struct Neighbour: Sendable, Equatable {
    public let index: Int
    public let distance: Double
}

/// Neighbours of every row: row-major `rows x k` indices and distances.
public struct NeighbourTable: Sendable, Equatable {
    public let k: Int
    public let indices: [Int32]
    public let distances: [Double]

    public func neighbours(of row: Int) -> [Neighbour] {
        (0..<k).map { Neighbour(index: Int(indices[row * k + $0]), distance: distances[row * k + $0]) }
    }
}
