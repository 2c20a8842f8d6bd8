namespace LibvirtNss.Core;

/// <summary>
/// What a snapshot keeps of one file of the lease directory once parsed: immutable, shared by
/// every snapshot in which the file is unchanged. Each file kind has its own subclass.
/// </summary>
internal abstract class ParsedFile
{
    /// <summary>The bytes this holds, as charged to the snapshot's budget.</summary>
    public abstract long AccountedBytes { get; }
}
