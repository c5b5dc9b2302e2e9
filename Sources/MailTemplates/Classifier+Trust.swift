extension Classifier {
    /// How far a host can be trusted, judged against the catalogue's official domains; for the
    /// report's trust warnings and `explain`, which look at every link, not only the action one.
    public func trust(ofHost host: String) -> HostTrust {
        catalogue.trust(host: host, template: nil)
    }
}
