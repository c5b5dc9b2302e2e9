import Dispatch
import MailInput
import MailMIME

/// Runs the pipeline over every message of the inputs on all cores, and hands results back in
/// input order, so output is identical whatever the number of jobs.
public struct Scanner: Sendable {
    public var pipeline: Pipeline
    public var jobs: Int
    public var readerOptions: InputReader.Options
    /// Turns a report into the bytes to print; runs on the workers, so that writing output is
    /// not the serial bottleneck.
    public var render: @Sendable (Report) -> [UInt8]

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

    /// Calls `body` in input order. Work is done in batches: read a batch, process it in parallel,
    /// hand it out in order; memory is bounded by the batch, not by the mailbox.
    public func run(paths: [String], _ body: (Item) -> Void) -> ScanSummary {
        var summary = ScanSummary()
        summary.inputs = paths.isEmpty ? 1 : paths.count
        let batchLimit = jobs == 1 ? 1 : 64 * jobs
        let batchBytes = 64 << 20
        var batch: [InputEvent] = []
        var bytes = 0

        func flush() {
            guard !batch.isEmpty else { return }
            let results = process(batch)
            for r in results {
                switch r {
                case .failure:
                    summary.unreadable += 1
                    body(r)
                case .report(let rep, _):
                    summary.messages += 1
                    summary.kinds[rep.kind, default: 0] += 1
                    if !rep.warnings.isEmpty { summary.withWarnings += 1 }
                    body(r)
                case .skipped(let w):
                    summary.messages += 1
                    summary.kinds["other", default: 0] += 1
                    if w > 0 { summary.withWarnings += 1 }
                    body(r)
                }
            }
            batch.removeAll(keepingCapacity: true)
            bytes = 0
        }

        InputReader(paths: paths, options: readerOptions).forEach { event in
            if case .message(let m) = event { bytes += m.bytes.count }
            batch.append(event)
            if batch.count >= batchLimit || bytes >= batchBytes { flush() }
        }
        flush()
        return summary
    }

    private func process(_ events: [InputEvent]) -> [Item] {
        let pipeline = self.pipeline
        let render = self.render
        if jobs == 1 || events.count == 1 {
            return events.map { Self.item(for: $0, pipeline, render) }
        }
        let results = ResultSlots(count: events.count)
        let chunks = min(events.count, jobs * 4)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            var i = c
            while i < events.count {
                results.set(i, Self.item(for: events[i], pipeline, render))
                i += chunks
            }
        }
        return results.values()
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
