using System;
using System.Text.Json;

namespace LibvirtNss.Core;

/// <summary>
/// The memory a <c>*.macs</c> file may make the parser allocate. Its parser copies every domain
/// name and MAC into an array of its own (some 40 bytes for a real MAC, with its list slot), so a
/// file under <see cref="LeaseDirectory.MaxFileBytes"/> made of tiny strings (a million <c>"a"</c>
/// in 4 MiB) would take more than the module's whole managed heap. A file whose entries hold more
/// than <see cref="MaxStrings"/> strings, or more than <see cref="MaxStringBytes"/> bytes of them,
/// is therefore skipped whole with a debug line, before anything of it is kept. What parsing one
/// file allocates then stays under about 4 MB besides the file's own bytes (65,536 arrays of at
/// most 32 bytes of overhead, their lists, 1 MiB of text, and one string's unescaping scratch),
/// whatever its contents.
/// libvirt writes some 20 bytes a MAC and one entry a guest, so the budget holds some 50,000 MACs:
/// far more than one network's guests.
/// Status files are bounded by <see cref="JsonObjectArray.MaxEntries"/>: their parser hands out
/// spans of the file and keeps no string of its own.
/// </summary>
internal static class MacsFileBudget
{
    public const int MaxStrings = Files.MacsFileReader.MaxStrings;

    public const int MaxStringBytes = Files.MacsFileReader.MaxStringBytes;

    /// <summary>Three bytes a string at least (<c>"",</c>): smaller files cannot exceed the budget.</summary>
    public static bool MayExceed(ReadOnlySpan<byte> json) => json.Length > Math.Min(3 * MaxStrings, MaxStringBytes);

    /// <summary>
    /// Whether the strings inside the file's entries (domain names, MACs, any other string value)
    /// exceed the budget. Counts without allocating; a file that stops being JSON is counted up to
    /// that point, as the reading pass keeps what precedes it.
    /// </summary>
    public static bool Exceeded(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, JsonValues.Options);
        int strings = 0;
        long bytes = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.String || reader.CurrentDepth < 2)
                    continue;
                bytes += reader.ValueSpan.Length;
                if (++strings > MaxStrings || bytes > MaxStringBytes)
                    return true;
            }
        }
        catch (JsonException)
        {
        }
        return false;
    }
}
