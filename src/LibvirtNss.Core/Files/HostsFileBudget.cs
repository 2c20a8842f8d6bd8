using System;

namespace LibvirtNss.Core.Files;

/// <summary>
/// The line budget of <c>*.hostsfile</c> and <c>*.addnhosts</c>: a file of more than <see cref="MaxLines"/> lines, or more than
/// <see cref="MaxFields"/> blank-separated fields, is skipped whole before anything of it is read.
/// </summary>
public static class HostsFileBudget
{
    public const int MaxLines = 16384;

    public const int MaxFields = 2 * MaxLines;

    /// <summary>Counts without allocating. A file of at most <see cref="MaxLines"/> bytes always fits.</summary>
    public static bool Exceeded(ReadOnlySpan<byte> contents)
    {
        if (contents.Length <= MaxLines)
            return false;
        int lines = 1, fields = 0;
        bool inField = false;
        for (int i = 0; i < contents.Length; i++)
        {
            byte b = contents[i];
            if (b == (byte)'\n')
                lines++;
            bool blank = b == (byte)' ' || b == (byte)'\t' || b == (byte)'\n' || b == (byte)'\r';
            if (!blank && !inField)
                fields++;
            inField = !blank;
        }
        return lines > MaxLines || fields > MaxFields;
    }
}
