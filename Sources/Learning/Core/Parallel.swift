import Dispatch
import Foundation

/// Thin wrapper over `concurrentPerform`. Bodies write only to disjoint slots (via `SharedBuffer`),
/// so results do not depend on scheduling; that discipline is why the closures need not be `@Sendable`.
enum Parallel {
    static let workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)

    private struct UncheckedBox<T>: @unchecked Sendable { let value: T }

    /// Splits `0..<count` into contiguous chunks of at least `minChunk` items.
    static func forEachChunk(count: Int, minChunk: Int = 1, _ body: (Range<Int>) -> Void) {
        if count <= 0 { return }
        let chunks = min(workers * 4, max(1, count / max(1, minChunk)))
        if chunks <= 1 || workers == 1 { body(0..<count); return }
        withoutActuallyEscaping(body) { b in
            let box = UncheckedBox(value: b)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lo = count * c / chunks
                let hi = count * (c + 1) / chunks
                if lo < hi { box.value(lo..<hi) }
            }
        }
    }

    /// Fixed-size chunks whose boundaries do not depend on the core count: reductions that combine
    /// per-chunk partial sums in chunk order give bit-identical results on every machine.
    static func forEachFixedChunk(count: Int, chunkSize: Int, _ body: (_ chunk: Int, _ range: Range<Int>) -> Void) {
        let chunks = (count + chunkSize - 1) / chunkSize
        forEach(count: chunks) { c in body(c, (c * chunkSize)..<min(count, (c + 1) * chunkSize)) }
    }

    static func forEach(count: Int, _ body: (Int) -> Void) {
        if count <= 0 { return }
        if count == 1 || workers == 1 { for i in 0..<count { body(i) }; return }
        withoutActuallyEscaping(body) { b in
            let box = UncheckedBox(value: b)
            DispatchQueue.concurrentPerform(iterations: count) { box.value($0) }
        }
    }
}
