using System;
using System.Collections.Generic;
using System.IO;

namespace LibvirtNss.Core;

/// <summary>
/// Builds a lease snapshot: lists the directory, keeps each file of a known kind, and reads
/// again only the files that changed since the previous snapshot (or whose identity was not yet
/// settled). A file that cannot be read or parsed is kept as empty with a debug line, as a
/// lookup without a snapshot skips it.
/// </summary>
internal sealed class LeaseSnapshotBuilder
{
    private readonly string _directory;
    private readonly long _readStart;
    private readonly DecisionLog _log;
    private readonly SnapshotFile[] _previous;
    private int _previousAt; // where the search in _previous resumes: the listing order rarely changes

    private LeaseSnapshotBuilder(string directory, long readStart, LeaseSnapshot? previous, DecisionLog log)
    {
        _directory = directory;
        _readStart = readStart;
        _log = log;
        _previous = previous is { TooLarge: false } ? previous.Files : Array.Empty<SnapshotFile>();
    }

    /// <summary>The number of files read and parsed by this build.</summary>
    public int FilesRead { get; private set; }

    /// <param name="directory">Its identity, stat()ed before the listing.</param>
    /// <param name="readStart">The wall clock (ns) before the directory was stat()ed.</param>
    /// <returns>null when the directory cannot be listed.</returns>
    public static LeaseSnapshot? Build(string path, FileIdentity directory, long readStart, LeaseSnapshot? previous,
        long budgetLimit, DecisionLog log, out int filesRead)
    {
        var builder = new LeaseSnapshotBuilder(path, readStart, previous, log);
        LeaseSnapshot? built = builder.Build(directory, budgetLimit);
        filesRead = builder.FilesRead;
        return built;
    }

    private LeaseSnapshot? Build(FileIdentity directory, long budgetLimit)
    {
        if (!TryList(out List<string> paths, out List<SnapshotFileKind> kinds))
            return null;
        var budget = new SnapshotBudget(budgetLimit);
        var files = new SnapshotFile[paths.Count];
        try
        {
            budget.Charge(SnapshotBudget.ObjectBytes + 8L * files.Length);
            for (int i = 0; i < files.Length; i++)
                files[i] = Reused(paths[i], budget) ?? Read(paths[i], kinds[i], budget);
            return LeaseSnapshot.Complete(directory, directory.SettledBefore(_readStart), files, budget);
        }
        catch (SnapshotTooLargeException)
        {
            if (_log.Enabled)
                _log.Write($"{_directory}: the leases take more than {budgetLimit} bytes: read on every lookup, not kept");
            for (int i = 0; i < files.Length; i++)
            {
                byte[] nulTerminated = FileStatus.NulTerminated(paths[i]);
                FileStatus.TryGet(nulTerminated, out FileIdentity identity);
                files[i] = new SnapshotFile(paths[i], nulTerminated, kinds[i], identity, false, kinds[i].Empty);
            }
            return LeaseSnapshot.OverBudget(directory, files);
        }
    }

    private bool TryList(out List<string> paths, out List<SnapshotFileKind> kinds)
    {
        paths = new List<string>();
        kinds = new List<SnapshotFileKind>();
        try
        {
            using var names = new DirectoryFileNames(_directory, LeaseDirectory.DirectoryOrder);
            while (names.MoveNext())
            {
                SnapshotFileKind? kind = SnapshotFileKinds.Of(names.Current);
                if (kind is not null)
                {
                    paths.Add(names.Current);
                    kinds.Add(kind);
                }
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            if (_log.Enabled) _log.Write($"{_directory}: cannot list the lease directory: {e.Message}");
            return false;
        }
    }

    /// <summary>The previous snapshot's file when it is unchanged and was settled; otherwise null.</summary>
    private SnapshotFile? Reused(string path, SnapshotBudget budget)
    {
        SnapshotFile? file = Previous(path);
        if (file is null || !file.IsCurrent(trustUnsettled: false))
            return null;
        budget.Charge(SnapshotBudget.ObjectBytes + file.Content.AccountedBytes);
        return file;
    }

    private SnapshotFile? Previous(string path)
    {
        for (int n = 0; n < _previous.Length; n++)
        {
            int at = (_previousAt + n) % _previous.Length;
            if (string.Equals(_previous[at].Path, path, StringComparison.Ordinal))
            {
                _previousAt = at + 1;
                return _previous[at];
            }
        }
        return null;
    }

    private SnapshotFile Read(string path, SnapshotFileKind kind, SnapshotBudget budget)
    {
        FilesRead++;
        byte[] nulTerminated = FileStatus.NulTerminated(path);
        budget.Charge(3 * SnapshotBudget.ObjectBytes + 2L * path.Length + nulTerminated.Length);
        if (!LeaseDirectory.TryRead(path, out byte[] contents, out FileIdentity identity, _log))
        {
            // Unreadable or too large: kept as empty, known by the identity of what is there.
            if (identity == FileIdentity.Unavailable)
                FileStatus.TryGet(nulTerminated, out identity);
            return new SnapshotFile(path, nulTerminated, kind, identity, identity.SettledBefore(_readStart), kind.Empty);
        }
        ParsedFile content;
        try
        {
            content = kind.Parse(path, contents, budget, _log);
        }
        catch (OutOfMemoryException)
        {
            if (_log.Enabled) _log.Write($"{path}: skipped: more than the lookup's memory can hold");
            content = kind.Empty;
        }
        // An identity the open file could not tell (no statx) is never trusted: read again next time.
        bool settled = identity != FileIdentity.Unavailable && identity.SettledBefore(_readStart);
        return new SnapshotFile(path, nulTerminated, kind, identity, settled, content);
    }
}
