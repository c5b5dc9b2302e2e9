#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// What `stat` says about a path, read once so that the kind check and loop detection agree.
struct FileStatus: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case regular
        case directory
        /// A pipe or character device (`/dev/stdin`, `<(cat mbox)`): readable only as a stream.
        case stream
        case other
    }

    /// A directory's identity across symlinks and bind mounts: what loop detection compares.
    struct Identity: Sendable, Hashable {
        var device: UInt64
        var inode: UInt64
    }

    var kind: Kind
    var size: Int
    var identity: Identity

    init(_ st: stat) {
        switch st.st_mode & 0o170000 {
        case 0o100000: kind = .regular
        case 0o040000: kind = .directory
        case 0o010000, 0o020000: kind = .stream
        default: kind = .other
        }
        size = Int(st.st_size)
        identity = Identity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    /// Follows symlinks: a link to a mailbox is read as the mailbox.
    static func of(path: String) -> Result<FileStatus, SystemError> {
        var st = stat()
        return stat(path, &st) == 0 ? .success(FileStatus(st)) : .failure(SystemError(errno))
    }

    static func of(fd: Int32) -> Result<FileStatus, SystemError> {
        var st = stat()
        return fstat(fd, &st) == 0 ? .success(FileStatus(st)) : .failure(SystemError(errno))
    }

    /// True when `path` itself exists as a symlink whose target does not: worth a clearer message
    /// than "no such file".
    static func isDanglingSymlink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & 0o170000) == 0o120000
    }
}
