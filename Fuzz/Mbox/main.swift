// Fuzz target `mbox`: container reading as `mailsift scan` does it. The input is written to a
// file and read three ways: mapped (a regular file named on the command line), as a stream with
// the default buffer (a pipe), and as a stream with a tiny buffer (lines longer than the buffer
// arrive in pieces). Detection (mbox, message, not mail), MboxSplitter, MessageBuilder and the
// size limit all run. The mapped and the default stream reading must yield the same messages;
// all three must account only for bytes that are in the input.
#if canImport(Glibc)
import Glibc
#endif
@testable import MailInput

private let path: String = {
    let dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    return "\(dir)/mailsift-fuzz-mbox-\(getpid()).mbox"
}()

private let fd: Int32 = {
    let fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
    precondition(fd >= 0, "cannot create \(path)")
    atexit { unlink(path) }
    return fd
}()

private struct Seen: Equatable {
    var offset: Int?
    var index: Int
    var bytes: [UInt8]
    var truncatedFrom: Int?
    var failure: String?
}

private func collect(_ reader: InputReader, stream: Bool, size: Int) -> [Seen] {
    var out: [Seen] = []
    let body: (InputEvent) -> Void = { event in
        switch event {
        case .message(let m):
            out.append(Seen(offset: m.origin.offset, index: m.origin.index, bytes: m.bytes,
                            truncatedFrom: m.truncatedFrom, failure: nil))
        case .failure(let e):
            out.append(Seen(offset: nil, index: -1, bytes: [], truncatedFrom: nil, failure: e.description))
        }
    }
    if stream {
        _ = lseek(fd, 0, SEEK_SET)
        reader.forEach(readingDescriptor: fd, as: path, body)
    } else {
        reader.forEach(body)
    }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    precondition(ftruncate(fd, 0) == 0)
    var written = 0
    while written < count {
        let n = pwrite(fd, start + written, count - written, off_t(written))
        precondition(n > 0, "pwrite failed")
        written += n
    }

    var options = InputReader.Options()
    options.maxMessageBytes = 4096
    let mapped = collect(InputReader(paths: [path], options: options), stream: false, size: count)
    let streamed = collect(InputReader(paths: [], options: options), stream: true, size: count)

    var tiny = options
    // Tiny buffers split lines into pieces; kept for small inputs, where the read calls are few.
    tiny.streamBufferBytes = count < 2048 ? 7 + count % 57 : 1024 + count % 1024
    let pieces = collect(InputReader(paths: [], options: tiny), stream: true, size: count)

    for (name, seen) in [("mapped", mapped), ("stream", streamed), ("tiny-buffer stream", pieces)] {
        var total = 0
        var lastOffset = -1
        for s in seen where s.failure == nil {
            require(s.bytes.count <= options.maxMessageBytes, "\(name): message of \(s.bytes.count) bytes over the limit")
            if let t = s.truncatedFrom {
                require(t > s.bytes.count, "\(name): truncatedFrom \(t) not above \(s.bytes.count)")
            }
            let full = s.truncatedFrom ?? s.bytes.count
            total += full
            if let o = s.offset {
                require(o > lastOffset && o <= count, "\(name): offset \(o) after \(lastOffset) in \(count) bytes")
                lastOffset = o
            }
        }
        require(total <= count, "\(name): messages hold \(total) bytes of a \(count)-byte input")
    }
    if mapped != streamed {
        let describe: ([Seen]) -> String = { seen in
            seen.map { "[\($0.index)@\($0.offset.map(String.init) ?? "-") \($0.bytes.count)B \($0.failure ?? "")]" }.joined(separator: " ")
        }
        require(false, "mapped and streamed reading differ:\n  mapped:   \(describe(mapped))\n  streamed: \(describe(streamed))")
    }
    return 0
}
