using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>The <c>*.status</c> files: the leases dnsmasq handed out on one network.</summary>
internal sealed class StatusFileKind : SnapshotFileKind
{
    public StatusFileKind() : base(".status") { }

    public override ParsedFile Empty { get; } = new StatusFileLeases(Array.Empty<byte>(), Array.Empty<StatusFileLeases.Record>());

    public override ParsedFile Parse(string path, byte[] contents, SnapshotBudget budget, DecisionLog log) =>
        StatusFileLeases.Parse(path, contents, budget, log);
}

/// <summary>
/// The well-formed entries of one <c>*.status</c> file, kept compact: the strings of all entries
/// in one byte array, each entry as offsets into it. Entries are handed out as the parser's
/// <see cref="LeaseEntry"/>, so lookups decide on them exactly as on a freshly parsed file.
/// </summary>
internal sealed class StatusFileLeases : ParsedFile
{
    /// <summary>One entry: where its strings lie in the text; HostnameLength -1 when it has none.</summary>
    internal readonly record struct Record(int Ip, int IpLength, int Mac, int MacLength, int Hostname,
        int HostnameLength, long Expiry);

    /// <summary>Size of a <see cref="Record"/> (six ints and a long).</summary>
    private const int RecordBytes = 32;

    private readonly byte[] _text;
    private readonly Record[] _records;

    internal StatusFileLeases(byte[] text, Record[] records)
    {
        _text = text;
        _records = records;
    }

    public int Count => _records.Length;

    public override long AccountedBytes => 2 * SnapshotBudget.ObjectBytes + _text.Length + (long)_records.Length * RecordBytes;

    public LeaseEntry Entry(int index)
    {
        Record r = _records[index];
        return new LeaseEntry(_text.AsSpan(r.Ip, r.IpLength), _text.AsSpan(r.Mac, r.MacLength),
            r.HostnameLength < 0 ? default : _text.AsSpan(r.Hostname, r.HostnameLength), r.HostnameLength >= 0, r.Expiry);
    }

    public bool TryGetHostname(int index, out ReadOnlySpan<byte> hostname)
    {
        Record r = _records[index];
        hostname = r.HostnameLength < 0 ? default : _text.AsSpan(r.Hostname, r.HostnameLength);
        return r.HostnameLength >= 0;
    }

    public ReadOnlySpan<byte> Mac(int index)
    {
        Record r = _records[index];
        return _text.AsSpan(r.Mac, r.MacLength);
    }

    public static StatusFileLeases Parse(string path, byte[] json, SnapshotBudget budget, DecisionLog log)
    {
        var builder = new Builder(budget);
        int entries = LeaseFileParser.Parse(json, path, builder.Add, log);
        if (log.Enabled) log.Write($"{path}: {entries} entries read");
        return builder.Finish();
    }

    private sealed class Builder
    {
        private readonly SnapshotBudget _budget;
        private readonly List<Record> _records = new();
        private readonly TextBuffer _text = new();

        public Builder(SnapshotBudget budget)
        {
            _budget = budget;
            budget.Charge(2 * SnapshotBudget.ObjectBytes);
        }

        public void Add(in LeaseEntry entry)
        {
            _budget.Charge(RecordBytes + entry.IpAddress.Length + entry.MacAddress.Length + entry.Hostname.Length);
            int ip = _text.Append(entry.IpAddress);
            int mac = _text.Append(entry.MacAddress);
            int hostname = _text.Append(entry.Hostname);
            _records.Add(new Record(ip, entry.IpAddress.Length, mac, entry.MacAddress.Length, hostname,
                entry.HasHostname ? entry.Hostname.Length : -1, entry.ExpiryTime));
        }

        public StatusFileLeases Finish() => new(_text.ToArray(), _records.ToArray());
    }
}
