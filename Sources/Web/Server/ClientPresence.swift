import Foundation
import Hummingbird
import HummingbirdCore
import NIOCore

/// The request context of every route: Hummingbird's basics plus the connection, so a long answer can learn
/// that its client went away.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Runs `body` in a task of its own that is cancelled when the client closes its connection (a closed tab,
    /// a stopped curl), so the work it started (a console query) stops instead of running to its time limit.
    func cancelledWhenClientLeaves<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let work = Task { try await body() }
        let watcher = try? await channel.pipeline.handler(type: ClientPresenceHandler.self).get()
        watcher?.onClose { work.cancel() }
        return try await withTaskCancellationHandler { try await work.value } onCancel: { work.cancel() }
    }
}

/// Sits in each connection's pipeline and tells whoever asked when the client closes its side.
final class ClientPresenceHandler: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    // Messages pass through untouched (the default channelRead forwards them), so their type is never unwrapped.
    typealias InboundIn = NIOAny

    private let lock = NSLock()
    private var closed = false
    private var waiting: [@Sendable () -> Void] = []

    /// Calls `action` once the client has closed its side (at once if it already has).
    func onClose(_ action: @escaping @Sendable () -> Void) {
        let now: Bool = lock.withLock {
            if closed { return true }
            waiting.append(action)
            return false
        }
        if now { action() }
    }

    private func close() {
        let actions: [@Sendable () -> Void] = lock.withLock {
            closed = true
            defer { waiting = [] }
            return waiting
        }
        for action in actions { action() }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, case .inputClosed = event { close() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        close()
        context.fireChannelInactive()
    }
}
