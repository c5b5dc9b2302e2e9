// Shared by every fuzz target (compiled into each one by scripts/fuzz.sh; not a SwiftPM target).
import Foundation

/// The fuzz input as an `ArraySlice` whose `startIndex` is not 0, so that code which indexes a
/// slice from 0 (instead of from `startIndex`) traps here as it would on a slice of a real
/// message (every header value and body is a slice of the whole message's bytes).
@inline(__always)
func fuzzSlice(_ start: UnsafeRawPointer, _ count: Int) -> ArraySlice<UInt8> {
    var storage = [UInt8](repeating: 0x3D, count: 5)   // "=====": a byte decoders care about
    storage.append(contentsOf: UnsafeRawBufferPointer(start: start, count: count))
    return storage[5...]
}

/// An invariant of the code under test: a violation is a finding, reported as a crash.
@inline(__always)
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
             file: StaticString = #file, line: UInt = #line) {
    if !condition() { fatalError("fuzz invariant violated: \(message())", file: file, line: line) }
}

/// Everything mailsift prints as JSON must parse as JSON.
func requireValidJSON(_ bytes: [UInt8], _ what: String, file: StaticString = #file, line: UInt = #line) {
    do {
        _ = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    } catch {
        let head = String(decoding: bytes.prefix(400), as: UTF8.self)
        fatalError("fuzz invariant violated: \(what) is not valid JSON (\(error)): \(head)", file: file, line: line)
    }
}

/// Text meant for a terminal must hold no control character but LF and no bidi override.
func requireTerminalSafe(_ s: String, _ what: String, file: StaticString = #file, line: UInt = #line) {
    for u in s.unicodeScalars {
        switch u.value {
        case 0x0A: continue
        case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029:
            fatalError("fuzz invariant violated: \(what) holds U+\(String(u.value, radix: 16)) for a terminal",
                       file: file, line: line)
        default: continue
        }
    }
}
