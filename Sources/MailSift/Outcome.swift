/// What the pipeline made of one message. Every message read yields one, so that the summary can
/// account for all of them even when only recognised ones are printed.
public enum Outcome: Sendable {
    /// A report to print.
    case report(Report)
    /// Read, found to be of kind `other`, and not asked for (no `--all`).
    case skipped(warnings: Int)
}
