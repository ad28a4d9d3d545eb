import Analytics
import ArgumentParser
import Foundation
import Store

struct RetrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrain",
        abstract: "Retrain what is stale (for cron).",
        discussion: """
            A task is stale when no successful run has trained it on the warehouse's newest data (a champion on older data, or none). For a stale task, the champion first answers the tracks loaded since its run (genres, popularity, clusters by nearest centroid, neighbours both ways), which is cheap; a full refit happens only when the data has moved enough: the tracks loaded since the champion's run are at least 5% of those it saw, a genre label appeared that no track carried then (genre and popularity), there is no champion, or --force. Each line says which it did and why. A refit replaces the champion if it beats it on this run's holdout, or if the champion saw older data and cannot be scored on that holdout (for example, the genres changed); whoever wins answers every track. A refit that loses leaves the task fresh until the next ingest. When the data changed since the last write-back, every playlist's continuation is written again into playlist_recommendations. Logs go to stderr with timestamps; nothing stale prints one line and exits 0; a failed run leaves its champion in place. Exit status: 0 done (or nothing stale); 1 a run failed, or another error; 64 a usage error; 75 busy: another training run holds the warehouse's training lock, so nothing was done (one line on stderr says which process, since when); try again later. Crontab example:
              15 3 * * * JUKEBOX_DB=/srv/jukebox.sqlite /usr/local/bin/jukebox retrain >>/var/log/jukebox.log 2>&1
            """
    )

    @OptionGroup var warehouse: WarehouseOptions

    @Flag(help: "Refit every task, even if nothing is stale or little has changed.")
    var force = false

    func run() throws {
        try reportingErrors {
            // One line per event, in the timestamped log on stderr (what cron keeps); stdout gets only the refits' table.
            let session = TrainingSession(runner: TrainingRunner(warehouse: try warehouse.open())) { progress in
                if case let .tasksDone(summaries) = progress, summaries.isEmpty { return }
                TrainCommand.render(progress)
            }
            if try session.retrain(force: force).failed { throw ExitCode.failure }
        }
    }
}
