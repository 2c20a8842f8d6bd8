using System.Collections.Generic;
using LibvirtNss.Core.Records;

namespace LibvirtNss.Cli;

/// <summary>What doctor makes of a skip: nothing, a warning, or an error.</summary>
internal enum SkipFinding
{
    /// <summary>Nothing a lookup could have answered is lost.</summary>
    None,

    /// <summary>One entry or line is left out: that guest or host never resolves.</summary>
    Warning,

    /// <summary>The file is not read, or not to its end: its leases (some or all) never resolve.</summary>
    Error,
}

/// <summary>doctor's rule for Core's skips, by their reason (never by the words of their lines).</summary>
internal static class SkipFindings
{
    public static SkipFinding Of(FileSkipReason reason) => reason switch
    {
        // An empty file lists nothing; a hostsfile line without an address reserves none.
        FileSkipReason.None or FileSkipReason.EmptyFile or FileSkipReason.NoAddress => SkipFinding.None,
        _ when FileSkips.IsWholeFile(reason) => SkipFinding.Error,
        _ => SkipFinding.Warning,
    };

    /// <summary>
    /// The errors first, then the warnings, each in the order Core met them. <paramref name="notRead"/>
    /// follows an error's line, <paramref name="leftOut"/> a warning's; by default they speak of
    /// libvirt's lease files.
    /// </summary>
    public static void Report(IReadOnlyList<CoreSkip> skips, DoctorReport report,
        string notRead = "the file's leases are not (all) read; libvirt rewrites it on the next DHCP event, or remove it",
        string leftOut = "this entry never resolves")
    {
        foreach (CoreSkip skip in skips)
        {
            if (Of(skip.Reason) == SkipFinding.Error)
                report.Error($"{skip.Line}: {notRead}");
        }
        foreach (CoreSkip skip in skips)
        {
            if (Of(skip.Reason) == SkipFinding.Warning)
                report.Warning($"{skip.Line}: {leftOut}");
        }
    }
}
