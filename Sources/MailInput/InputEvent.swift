/// What reading the inputs yields, in input order: a message, or an input that failed.
public enum InputEvent: Sendable {
    case message(RawMessage)
    case failure(InputError)
}
