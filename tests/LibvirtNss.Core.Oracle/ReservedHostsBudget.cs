using System;

namespace LibvirtNss.Core;

/// <summary>
/// The memory a <c>*.hostsfile</c> or <c>*.addnhosts</c> file may make its parser allocate. Each
/// reserved host is an object with copies of its name and MAC (some 150 bytes), so a file under
/// <see cref="LeaseDirectory.MaxFileBytes"/> of tiny lines (<c>a,1.2.3.4</c>: 400,000 of them)
/// would take more than the module's managed heap. A file of more than <see cref="MaxLines"/>
/// lines, or more than <see cref="MaxFields"/> blank-separated fields (an addnhosts line lists
/// many names), is skipped whole with a debug line before anything of it is kept: what one file
/// keeps stays under about 3 MB. libvirt writes one line per reserved host of a network.
/// </summary>
internal static class ReservedHostsBudget
{
    public const int MaxLines = 16384;

    public const int MaxFields = 2 * MaxLines;

    /// <summary>Counts without allocating.</summary>
    public static bool Exceeded(ReadOnlySpan<byte> contents, string source, DecisionLog log)
    {
        if (contents.Length <= MaxLines)
            return false; // one byte a line at least
        int lines = contents.Count((byte)'\n') + 1;
        int fields = 0;
        bool inField = false;
        foreach (byte b in contents)
        {
            bool blank = b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';
            if (!blank && !inField)
                fields++;
            inField = !blank;
        }
        if (lines <= MaxLines && fields <= MaxFields)
            return false;
        if (log.Enabled) log.Write($"{source}: skipped: more than {MaxLines} lines or {MaxFields} fields");
        return true;
    }
}
