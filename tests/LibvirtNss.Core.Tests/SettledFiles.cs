using System.IO;
using System.Threading;

namespace LibvirtNss.Core.Tests;

/// <summary>
/// Waits until files (and their directory) are settled: their last change lies far enough in the
/// past that the snapshot trusts their identity (FileIdentity.SettledBefore). The change tests
/// wait so that a missed change cannot hide behind a re-read of a freshly written file.
/// </summary>
internal static class SettledFiles
{
    public static void Wait(string directory)
    {
        while (true)
        {
            long now = FileIdentity.WallClockNanoseconds();
            bool settled = IsSettled(directory, now);
            foreach (string file in Directory.EnumerateFiles(directory))
                settled &= IsSettled(file, now);
            if (settled)
                return;
            Thread.Sleep(20);
        }
    }

    private static bool IsSettled(string path, long now) =>
        FileStatus.TryGet(FileStatus.NulTerminated(path), out FileIdentity identity) && identity.SettledBefore(now);

    public static FileIdentity Identity(string path)
    {
        Xunit.Assert.True(FileStatus.TryGet(FileStatus.NulTerminated(path), out FileIdentity identity), path);
        return identity;
    }
}
