import Dispatch
import Foundation
import MailInput
import MailMIME

/// Runs the pipeline over every message of the inputs on all cores, and hands results back in
/// input order, so output is identical whatever the number of jobs.
public struct Scanner: Sendable {
    /// What is done to each message.
    public var pipeline: Pipeline
    /// Worker threads (at least 1); output does not depend on it.
    public var jobs: Int
    /// Bounds for reading the inputs.
    public var readerOptions: InputReader.Options
    /// Turns a report into the bytes to print; runs on the workers, so that writing output is
    /// not the serial bottleneck.
    public var render: @Sendable (Report) -> [UInt8]

    /// `render` runs on the workers; leave it out when `body` renders itself.
    public init(pipeline: Pipeline, jobs: Int, readerOptions: InputReader.Options = .init(),
                render: @escaping @Sendable (Report) -> [UInt8] = { _ in [] }) {
        self.pipeline = pipeline
        self.jobs = max(1, jobs)
        self.readerOptions = readerOptions
        self.render = render
    }

    /// Results in input order: a report (with its rendered bytes) to print, a message read but
    /// not printed, or an input error.
    public enum Item: Sendable {
        case report(Report, rendered: [UInt8])
        case skipped(warnings: Int)
        case failure(InputError)
    }

    /// Calls `body` in input order. A reader thread splits the inputs into batches while the
    /// workers process the previous batch; memory is bounded by a few batches, not by the
    /// mailbox.
    public func run(paths: [String], progress: ((ScanSummary) -> Void)? = nil, _ body: (Item) -> Void) -> ScanSummary {
        var summary = ScanSummary()
        summary.inputs = paths.isEmpty ? 1 : paths.count
        // Messages in flight are copies on the heap: at most (capacity + 2) batches of 4 MiB.
        let batchLimit = 64 * jobs
        let batchBytes = 4 << 20
        let channel = BatchChannel(capacity: 2)
        let reader = InputReader(paths: paths, options: readerOptions)

        func account(_ r: Item, bytes: Int) {
            summary.bytes += bytes
            switch r {
            case .failure:
                summary.unreadable += 1
            case .report(let rep, _):
                summary.messages += 1
                summary.kinds[rep.kind, default: 0] += 1
                if !rep.warnings.isEmpty { summary.withWarnings += 1 }
            case .skipped(let w):
                summary.messages += 1
                summary.kinds["other", default: 0] += 1
                if w > 0 { summary.withWarnings += 1 }
            }
            body(r)
            progress?(summary)
        }

        // One job means one thread: read, process and write in turn, like the baselines do.
        if jobs == 1 {
            reader.forEach { account(Self.item(for: $0, pipeline, render), bytes: Self.size(of: $0)) }
            return summary
        }

        let thread = Thread {
            var batch: [InputEvent] = []
            var bytes = 0
            reader.forEach { event in
                if case .message(let m) = event { bytes += m.bytes.count }
                batch.append(event)
                if batch.count >= batchLimit || bytes >= batchBytes {
                    channel.put(batch)
                    batch.removeAll(keepingCapacity: true)
                    bytes = 0
                }
            }
            if !batch.isEmpty { channel.put(batch) }
            channel.close()
        }
        thread.stackSize = 8 << 20
        thread.start()

        while let batch = channel.take() {
            for (event, r) in zip(batch, process(batch)) { account(r, bytes: Self.size(of: event)) }
        }
        return summary
    }

    private func process(_ events: [InputEvent]) -> [Item] {
        let pipeline = self.pipeline
        let render = self.render
        if jobs == 1 || events.count == 1 {
            return events.map { Self.item(for: $0, pipeline, render) }
        }
        let results = ResultSlots(count: events.count)
        // One iteration per message: Dispatch hands them out as workers free up, so one large
        // newsletter does not hold a whole stripe of the batch back.
        DispatchQueue.concurrentPerform(iterations: events.count) { i in
            results.set(i, Self.item(for: events[i], pipeline, render))
        }
        return results.values()
    }

    private static func size(of event: InputEvent) -> Int {
        if case .message(let m) = event { return m.truncatedFrom ?? m.bytes.count }
        return 0
    }

    private static func item(for event: InputEvent, _ pipeline: Pipeline, _ render: (Report) -> [UInt8]) -> Item {
        switch event {
        case .message(let m):
            switch pipeline.process(m) {
            case .report(let r): return .report(r, rendered: render(r))
            case .skipped(let w): return .skipped(warnings: w)
            }
        case .failure(let e): return .failure(e)
        }
    }
}

/// Slots that workers fill, each index by exactly one worker; read only after all have joined.
/// Raw memory rather than an array property: concurrent writes to distinct elements of a class's
/// array would trip Swift's exclusivity checks.
private final class ResultSlots: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Scanner.Item?>
    private let count: Int
    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }
    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
    func set(_ i: Int, _ item: Scanner.Item) { base[i] = item }
    func values() -> [Scanner.Item] { (0..<count).map { base[$0]! } }
}

/// A bounded hand-over of batches from the reader thread to the scanning thread.
private final class BatchChannel: @unchecked Sendable {
    private let lock = NSCondition()
    private var queue: [[InputEvent]] = []
    private var closed = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func put(_ batch: [InputEvent]) {
        lock.lock()
        while queue.count >= capacity { lock.wait() }
        queue.append(batch)
        lock.broadcast()
        lock.unlock()
    }

    func close() {
        lock.lock()
        closed = true
        lock.broadcast()
        lock.unlock()
    }

    /// The next batch, or nil once the reader is done and everything was taken.
    func take() -> [InputEvent]? {
        lock.lock()
        defer { lock.unlock() }
        while queue.isEmpty && !closed { lock.wait() }
        if queue.isEmpty { return nil }
        let b = queue.removeFirst()
        lock.broadcast()
        return b
    }
}
