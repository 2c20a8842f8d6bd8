using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Files;

namespace LibvirtNss.Core.Records;

/// <summary>
/// The well-formed entries of a <c>*.status</c> or <c>*.macs</c> file, one at a time, with a
/// debug line for each value skipped and for a file skipped or cut short.
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
            if (log.Enabled && skip != SkipReason.None)
                FileLines.Skipped(log, file, skip, reader.EntryIndex, reader.ErrorOffset, reader.Accepted, "leases"u8);
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
            if (log.Enabled && skip != SkipReason.None)
                FileLines.Skipped(log, file, skip, reader.EntryIndex, reader.ErrorOffset, reader.Accepted, "domains"u8);
            if (result == ReadResult.End)
                return false;
        }
    }
}
