/// Plans the walk of a Maildir: which folders hold messages, in which order, under which label.
///
/// Order: the root's `cur` then `new`, then its subfolders in name order, each `cur` before
/// `new`. Subfolders are Maildir++ folders (`.Junk`, `.My Folder.Nested Folder`) and, for
/// Dovecot's `LAYOUT=fs`, plain folders that are Maildirs themselves (`Archive/2024`). `tmp/`
/// holds messages still being delivered and is never read.
enum MaildirWalker {
    enum Step {
        /// A `cur` or `new` folder and its entries (sorted); `identity` guards against loops.
        case folder(path: String, identity: FileStatus.Identity?, entries: [String], inNew: Bool, label: String)
        case failure(InputError)
    }

    static func isMaildir(_ path: String, names: [String]) -> Bool {
        names.contains { name in
            (name == "cur" || name == "new") && isDirectory(DirectoryListing.join(path, name))
        }
    }

    static func isMaildir(_ path: String) -> Bool {
        guard case .success(let names) = DirectoryListing.names(of: path) else { return false }
        return isMaildir(path, names: names)
    }

    /// "Inbox" for a Maildir root (even a hidden one such as `~/.maildir`); the folder's own
    /// label for a Maildir++ folder named directly (`Maildir/.Spam`), which sits inside a Maildir.
    static func label(ofMaildir path: String) -> String {
        let base = DirectoryListing.baseName(path)
        if base.hasPrefix("."), base.count > 1, isMaildir(DirectoryListing.parent(path)) {
            return MaildirName.folderLabel(base)
        }
        return MaildirName.rootLabel
    }

    /// `visited` holds the folders already walked (the root included), so that a link from a
    /// Maildir to itself or its parent is not followed.
    static func plan(root: String, names: [String], rootLabel: String, visited: inout Set<FileStatus.Identity>) -> [Step] {
        var steps = leaves(of: root, names: names, label: rootLabel)
        for name in names where name != "cur" && name != "new" && name != "tmp" {
            let sub = DirectoryListing.join(root, name)
            guard case .success(let status) = FileStatus.of(path: sub), status.kind == .directory,
                  !visited.contains(status.identity) else { continue }
            let subNames: [String]
            switch DirectoryListing.names(of: sub) {
            case .failure(let error):
                steps.append(.failure(.unreadable(path: sub, reason: error.message)))
                continue
            case .success(let list):
                subNames = list
            }
            guard isMaildir(sub, names: subNames) else { continue }
            visited.insert(status.identity)
            if name.hasPrefix(".") {
                steps += leaves(of: sub, names: subNames, label: MaildirName.folderLabel(name))
            } else {
                let label = rootLabel == MaildirName.rootLabel ? name : rootLabel + "/" + name
                steps += plan(root: sub, names: subNames.filter { !$0.hasPrefix(".") }, rootLabel: label, visited: &visited)
            }
        }
        return steps
    }

    private static func leaves(of folder: String, names: [String], label: String) -> [Step] {
        var steps: [Step] = []
        for leaf in ["cur", "new"] where names.contains(leaf) {
            let path = DirectoryListing.join(folder, leaf)
            guard case .success(let status) = FileStatus.of(path: path), status.kind == FileStatus.Kind.directory else { continue }
            switch DirectoryListing.names(of: path) {
            case .failure(let error):
                steps.append(.failure(.unreadable(path: path, reason: error.message)))
            case .success(let entries):
                steps.append(.folder(path: path, identity: status.identity, entries: entries, inNew: leaf == "new", label: label))
            }
        }
        return steps
    }

    private static func isDirectory(_ path: String) -> Bool {
        if case .success(let status) = FileStatus.of(path: path) { return status.kind == FileStatus.Kind.directory }
        return false
    }
}
