namespace LibvirtNss.Core.Files;

/// <summary>What one step of a text-file reader (conf, hostsfile, addnhosts) produced.</summary>
public enum TextLineResult
{
    /// <summary>A value or a reservation: the entry out-parameter holds it.</summary>
    Entry,

    /// <summary>Something was left out: the skip out-parameter tells what and why.</summary>
    Skipped,

    /// <summary>The file is read to its end; every later call returns End too.</summary>
    End,
}
