/// A failed system call's `errno`, kept as a value so that the message a user sees is the one
/// `ls` or `cat` would print ("Permission denied").
struct SystemError: Error, Sendable, Hashable {
    var code: Int32

    init(_ code: Int32) {
        self.code = code
    }

    var message: String { SystemCalls.describe(errno: code) }
}
