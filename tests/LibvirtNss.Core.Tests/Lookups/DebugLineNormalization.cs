using System.Text.RegularExpressions;

namespace LibvirtNss.Core.Tests.Lookups;

/// <summary>
/// The known, accepted differences between today's debug lines and the subset's, made equal
/// before lines are compared; every other line must be the same byte for byte. Today's "malformed
/// JSON" line carries Utf8JsonReader's message in parentheses and its BytesConsumed, where the
/// span reader may stop at another byte; today's "cannot read" lines carry .NET exception
/// messages where the subset writes strerror's words.
/// </summary>
internal static partial class DebugLineNormalization
{
    [GeneratedRegex(@"^(?<head>libvirt-nss: .*?): malformed JSON at byte \d+(?: \(.*\))?; kept (?<kept>\d+) entries read before it$")]
    private static partial Regex MalformedJson();

    [GeneratedRegex(@"^(?<head>libvirt-nss: .*?): skipped: cannot read: .*$")]
    private static partial Regex CannotReadFile();

    [GeneratedRegex(@"^(?<head>libvirt-nss: .*?): cannot read the lease directory: .*$")]
    private static partial Regex CannotReadDirectory();

    public static string Normalize(string line)
    {
        Match m = MalformedJson().Match(line);
        if (m.Success)
            return $"{m.Groups["head"].Value}: malformed JSON at byte N; kept {m.Groups["kept"].Value} entries read before it";
        m = CannotReadFile().Match(line);
        if (m.Success)
            return $"{m.Groups["head"].Value}: skipped: cannot read: (reason)";
        m = CannotReadDirectory().Match(line);
        if (m.Success)
            return $"{m.Groups["head"].Value}: cannot read the lease directory: (reason)";
        return line;
    }
}
