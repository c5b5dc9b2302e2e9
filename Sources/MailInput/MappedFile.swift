#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A read-only, private mapping of a whole file. The kernel pages it in and out as the splitter
/// walks it, so a multi-gigabyte mbox costs address space, not heap; each message is copied out
/// into its own array and the mapping never escapes this module.
struct MappedFile {
    let bytes: UnsafeRawBufferPointer

    /// Nil when the file cannot be mapped (some network and FUSE filesystems); the caller then
    /// falls back to reading the descriptor in chunks.
    init?(fd: Int32, count: Int) {
        guard count > 0 else { return nil }
        let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else { return nil }
        // One forward pass: let the kernel read ahead aggressively and drop pages behind us.
        _ = madvise(address, count, MADV_SEQUENTIAL)
        bytes = UnsafeRawBufferPointer(start: UnsafeRawPointer(address), count: count)
    }

    /// Gives back the pages before `offset`, which a forward pass never reads again, so that the
    /// resident size stays flat on a mailbox larger than memory. The file is untouched.
    func release(upTo offset: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let length = min(offset, bytes.count) / page * page
        guard length > 0 else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: bytes.baseAddress), length, MADV_DONTNEED)
    }

    func unmap() {
        _ = munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    }
}
