import Foundation

extension Warehouse {
    /// Whether runs of this kind that the warehouse records as 'running' are still going: the one rule, for
    /// read commands and for the write commands' clean-up alike (see `RunLock.isHeldElsewhere`).
    public func runsAreAlive(_ kind: RunLock.Kind) -> Bool {
        RunLock.isHeldElsewhere(kind, warehousePath: path)
    }

    /// A run's stored status as read commands show it: 'running' reads 'interrupted' once its process has died
    /// (a write command later records it as failed).
    public func shownStatus(_ stored: String, of kind: RunLock.Kind) -> String {
        stored == "running" && !runsAreAlive(kind) ? "interrupted" : stored
    }
}
