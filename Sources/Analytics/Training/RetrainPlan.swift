import Foundation
import GRDB
@_spi(WarehouseSQL) import Store

/// What `jukebox retrain` does for a stale task. A full refit costs the same for 2 new tracks as for 90,000, so
/// the current champion scores tracks loaded since its run at once (`ChampionCoverage`), and a refit happens only
/// when the data has moved enough to matter: tracks loaded since the champion's run reach `refitShare` of those it
/// saw, a genre label appears that no track carried then (popularity reads every label; genre the labels of its
/// champion's taxonomy), there is no champion,
/// or `--force`.
public struct RetrainPlan: Sendable, Equatable {
    public enum Action: String, Sendable { case score, refit }

    /// New tracks, as a share of the tracks the champion saw, from which a retrain refits.
    public static let refitShare = 0.05

    public var action: Action
    /// Why, in a phrase `retrain` prints.
    public var reason: String

    static func decide(_ db: Database, task: TrainingTask, featureSet: FeatureSet, force: Bool) throws -> RetrainPlan {
        if force { return RetrainPlan(action: .refit, reason: "forced (--force)") }
        guard let champion = try ModelRuns.champion(db, task: task, featureSet: featureSet) else {
            return RetrainPlan(action: .refit, reason: "there is no champion")
        }
        guard let seenIngest = champion.dataIngestID else {
            return RetrainPlan(action: .refit, reason: "champion run \(champion.runID) does not say which data it saw")
        }
        let seen = try Int.fetchOne(db, sql: "SELECT count(*) FROM tracks WHERE first_ingest_id <= ?", arguments: [seenIngest]) ?? 0
        let new = try Int.fetchOne(db, sql: "SELECT count(*) FROM tracks WHERE first_ingest_id > ?", arguments: [seenIngest]) ?? 0
        // The genre classifier's classes are one vocabulary's labels; popularity reads every label as a category.
        let taxonomy = task == .genre ? try ModelRuns.run(WarehouseReader(db), id: champion.runID).taxonomy : nil
        if task == .genre || task == .popularity, let genre = try String.fetchOne(db, sql: """
            SELECT g.name FROM genres g JOIN track_genres tg USING (genre_id) WHERE ? IS NULL OR g.vocabulary = ?
            GROUP BY g.genre_id HAVING min(tg.first_ingest_id) > ? ORDER BY g.name LIMIT 1
            """, arguments: [taxonomy, taxonomy, seenIngest]) {
            return RetrainPlan(action: .refit, reason: "genre '\(genre)' is new since champion run \(champion.runID)")
        }
        let share = Double(new) / Double(max(1, seen))
        let figures = "\(new) new tracks since champion run \(champion.runID) are \(String(format: "%.1f", share * 100))% of the \(seen) it saw"
        let threshold = "refit at \(Int(refitShare * 100))%"
        return share >= refitShare
            ? RetrainPlan(action: .refit, reason: "\(figures) (\(threshold))")
            : RetrainPlan(action: .score, reason: "\(figures) (\(threshold))")
    }
}

/// What `retrain` did for one task: a refit (`run`), or the champion scoring the tracks its outputs did not cover.
public struct RetrainOutcome: Sendable {
    public var task: TrainingTask
    public var featureSet: FeatureSet
    public var plan: RetrainPlan
    /// The refit's run; nil when the champion scored.
    public var run: RunSummary?
    /// The champion that scored, and how many tracks it answered (a refit's coverage is in `run`).
    public var championRunID: Int64?
    public var scoredTracks: Int
}

extension TrainingRunner {
    /// `retrain` for one stale task: refit or score, as `RetrainPlan` decides.
    public func retrain(_ task: TrainingTask, featureSet: FeatureSet, force: Bool = false, holding lock: RunLock) throws -> RetrainOutcome {
        let featureSet = (task == .clusters || task == .neighbours) ? .audio : featureSet
        let plan = try warehouse.pool.read { try RetrainPlan.decide($0, task: task, featureSet: featureSet, force: force) }
        switch plan.action {
        case .refit:
            log("\(task.rawValue) (\(featureSet.rawValue)): refit: \(plan.reason)")
            // A refit keeps the taxonomy its champion was trained on (`train --taxonomy`), unless one is asked for.
            var runner = self
            if task == .genre, runner.genre.taxonomy == nil {
                runner.genre.taxonomy = try warehouse.pool.read { db in
                    try ModelRuns.champion(db, task: task, featureSet: featureSet).map { try ModelRuns.run(WarehouseReader(db), id: $0.runID).taxonomy } ?? nil
                }
            }
            let run = try runner.run(task, featureSet: featureSet, promotion: .ifBetter, holding: lock)
            return RetrainOutcome(task: task, featureSet: featureSet, plan: plan, run: run, championRunID: nil, scoredTracks: 0)
        case .score:
            let (champion, scored) = try warehouse.pool.write { db in
                (try ModelRuns.champion(db, task: task, featureSet: featureSet)?.runID,
                 try ChampionCoverage.fill(db, task: task, featureSet: featureSet))
            }
            log("\(task.rawValue) (\(featureSet.rawValue)): champion run \(champion.map(String.init) ?? "-") scored \(scored) tracks: \(plan.reason)")
            return RetrainOutcome(task: task, featureSet: featureSet, plan: plan, run: nil, championRunID: champion, scoredTracks: scored)
        }
    }
}
