using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Files;

namespace LibvirtNss.Core.Records;

/// <summary>
/// The well-formed entries of a <c>*.status</c> or <c>*.macs</c> file, one at a time, with a
/// skip reported (<see cref="FileSkip"/>) for each value skipped and for a file skipped or cut short.
/// </summary>
public static class JsonFileEntries
{
    public static bool NextLease(ref StatusFileReader reader, in LeaseFilePath file, DebugLog log, out LeaseFields lease)
    {
        while (true)
        {
            ReadResult result = reader.Next(out lease, out SkipReason skip);
            if (result == ReadResult.Entry)
                return true;
            if (skip != SkipReason.None && log.TakesSkips)
                FileSkips.Report(log, FileSkip.Json(file, skip, reader.EntryIndex, reader.ErrorOffset, reader.Accepted));
            if (result == ReadResult.End)
                return false;
        }
    }

    public static bool NextDomain(ref MacsFileReader reader, in LeaseFilePath file, DebugLog log, out MacsEntry entry)
    {
        while (true)
        {
            ReadResult result = reader.Next(out entry, out SkipReason skip);
            if (result == ReadResult.Entry)
                return true;
            if (skip != SkipReason.None && log.TakesSkips)
                FileSkips.Report(log, FileSkip.Json(file, skip, reader.EntryIndex, reader.ErrorOffset, reader.Accepted));
            if (result == ReadResult.End)
                return false;
        }
    }
}
