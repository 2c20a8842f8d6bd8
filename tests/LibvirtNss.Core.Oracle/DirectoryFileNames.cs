using System.IO;
using System.IO.Enumeration;

namespace LibvirtNss.Core;

/// <summary>
/// The full paths of the files (not subdirectories) in one directory, in directory order, keeping
/// the errno of a failure. Directory.EnumerateFiles reports both ENOENT and ENOTDIR from opendir()
/// as DirectoryNotFoundException; glibc callers get the errno opendir() gave, as from upstream.
/// </summary>
internal sealed class DirectoryFileNames : FileSystemEnumerator<string>
{
    public DirectoryFileNames(string directory, EnumerationOptions options)
        : base(directory, options)
    {
    }

    /// <summary>The errno of the last failure (0 if none); the failure still throws.</summary>
    public static int LastErrno => t_lastErrno;

    [System.ThreadStatic]
    private static int t_lastErrno;

    public static void ResetErrno() => t_lastErrno = 0;

    protected override bool ShouldIncludeEntry(ref FileSystemEntry entry) => !entry.IsDirectory;

    protected override string TransformEntry(ref FileSystemEntry entry) => entry.ToFullPath();

    protected override bool ContinueOnError(int error)
    {
        t_lastErrno = error;
        return false;
    }
}
