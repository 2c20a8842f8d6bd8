namespace LibvirtNss.Core;

/// <summary>Which lookup of a <see cref="LeaseCache"/> first builds its snapshot.</summary>
public enum SnapshotFrom
{
    /// <summary>The first lookup builds it (a process that looks up many names: the CLI, tests).</summary>
    FirstLookup,

    /// <summary>
    /// The first lookup of each kind (host name, domain name) reads the files without keeping
    /// anything; the second of a kind builds the snapshot (the module: most processes look up one name).
    /// </summary>
    SecondLookupOfAKind,
}
