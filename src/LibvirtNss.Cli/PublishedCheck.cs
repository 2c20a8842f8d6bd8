using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LibvirtNss.Core.Records;

namespace LibvirtNss.Cli;

/// <summary>What doctor knows of the publisher's directory: the module's verdict on it and its files, and its records.</summary>
/// <param name="Verdict">The module's verdict on the directory; null when it is absent.</param>
/// <param name="IgnoredFiles">Its <c>*.status</c> and <c>*.macs</c> files the module ignores, with the verdict.</param>
/// <param name="Records">The records of the files the module reads; null when they could not be read.</param>
/// <param name="Stale">Of those, the ones past their expiry time.</param>
/// <param name="NewestExpiry">The latest expiry time of the stale ones (Unix seconds), 0 when none.</param>
/// <param name="Domains">The domains of the unexpired records (from <c>*.macs</c>).</param>
/// <param name="Skips">What Core's readers left out of the files the module reads.</param>
internal sealed record PublishedState(string Directory, PublishedVerdict? Verdict, IReadOnlyList<(string File, PublishedVerdict Verdict)> IgnoredFiles,
    int? Records, int Stale, long NewestExpiry, IReadOnlySet<string>? Domains = null, IReadOnlyList<CoreSkip>? Skips = null)
{
    /// <summary>
    /// The module answers published records: the directory is trusted and some record has not
    /// expired (the publisher renews every record each pass, so a running publisher leaves none stale).
    /// </summary>
    public bool Fresh => Verdict == PublishedVerdict.Trusted && Records - Stale > 0;
}

/// <summary>
/// doctor: the publisher's directory as the module sees it (absent, trusted, or ignored and why;
/// each file it ignores), how many records it answers, and records that expired, which a running
/// publisher never leaves.
/// </summary>
internal static class PublishedCheck
{
    public const string Unit = "libvirt-nss-publisher";

    /// <summary>The directory and its files judged as Core judges them, and its records as the module reads them.</summary>
    public static PublishedState Read(string directory, string leaseDirectory, long now)
    {
        PublishedVerdict? verdict = FileStatus.Judge(directory, directory: true);
        var ignored = new List<(string, PublishedVerdict)>();
        if (verdict != PublishedVerdict.Trusted)
            return new PublishedState(directory, verdict, ignored, verdict is null ? 0 : null, 0, 0);
        try
        {
            foreach (string path in System.IO.Directory.EnumerateFiles(directory).Concat(System.IO.Directory.EnumerateDirectories(directory))
                         .Where(p => p.EndsWith(".status", StringComparison.Ordinal) || p.EndsWith(".macs", StringComparison.Ordinal))
                         .Order(StringComparer.Ordinal))
            {
                // A file gone since the listing is one the publisher replaced: nothing to say.
                if (FileStatus.Judge(path, directory: false) is PublishedVerdict file && file != PublishedVerdict.Trusted)
                    ignored.Add((path, file));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        var skips = new List<CoreSkip>();
        LeaseInventory? inventory = LeaseInventory.Read(leaseDirectory, now, log: null, out _, skips.Add, published: directory);
        if (inventory is null)
            return new PublishedState(directory, verdict, ignored, null, 0, 0);
        List<LeaseRow> records = inventory.Rows.Where(r => r.Published).ToList();
        List<LeaseRow> stale = records.Where(r => r.State == LeaseState.Expired).ToList();
        return new PublishedState(directory, verdict, ignored, records.Count, stale.Count,
            stale.Count == 0 ? 0 : stale.Max(r => r.Expiry),
            records.Where(r => r.State == LeaseState.Active && r.Domain is not null).Select(r => r.Domain!).ToHashSet(),
            // The lease directory's own skips are LeaseCheck's to report.
            skips.Where(s => s.Path.StartsWith(directory.TrimEnd('/') + "/", StringComparison.Ordinal)).ToList());
    }

    public static void Report(PublishedState state, long now, DoctorReport report)
    {
        string dir = state.Directory;
        if (state.Verdict is not PublishedVerdict verdict)
        {
            report.Ok($"{dir} is absent: no published records (the publisher, {Unit}, is off; guests on libvirt's NATed networks need none)");
            return;
        }
        if (verdict != PublishedVerdict.Trusted)
        {
            report.Warning($"{dir} is ignored by the module: {FileStatus.Why(verdict, directory: true)}: its records never resolve; {Fix(verdict, dir, directory: true)}");
            return;
        }
        foreach ((string file, PublishedVerdict fileVerdict) in state.IgnoredFiles)
            report.Warning($"{file} is ignored by the module: {FileStatus.Why(fileVerdict, directory: false)}: its records never resolve; {Fix(fileVerdict, file, directory: false)}");
        // As for libvirt's files: a file not read (to its end) is an error, an entry left out a warning.
        SkipFindings.Report(state.Skips ?? [], report,
            notRead: "its records are not (all) read; the publisher rewrites it on its next pass, or remove it",
            leftOut: "this record never resolves");
        if (state.Records is not int records)
            report.Warning($"{dir}: the published records were not read (the lease directory cannot be listed)");
        else if (state.Stale > 0)
            report.Warning($"{dir}: {state.Stale} of {records} published records expired (the last {TimeText.Relative(state.NewestExpiry, now)}): " +
                $"the publisher is not renewing them: is it stopped? (systemctl status {Unit})");
        else
            report.Ok($"{dir}: {records} published records, none expired");
    }

    /// <summary>What makes the module read it again: only root may change what every process believes.</summary>
    private static string Fix(PublishedVerdict verdict, string path, bool directory) => verdict switch
    {
        PublishedVerdict.NotRootOwned => $"chown root {path}",
        PublishedVerdict.Writable => $"chmod go-w {path}",
        _ => directory ? $"remove it; the publisher makes the directory" : "remove it",
    };
}
