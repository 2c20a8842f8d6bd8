using System;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;

namespace LibvirtNss.TwoWorlds.Shared;

/// <summary>
/// Every decision of a status or macs reader over one file, written as bytes: compiled into both
/// worlds (the driver and the native test library), so the two transcripts of the same file
/// must be equal byte for byte. Per result a tag ('E' entry, 'S' skip, 'X' end) and its fields,
/// each string with a 4-byte length; then the error and its offset.
/// </summary>
internal ref struct ReaderTranscript
{
    private readonly Span<byte> _output;
    private int _used;
    private bool _overflow;

    private ReaderTranscript(Span<byte> output)
    {
        _output = output;
        _used = 0;
        _overflow = false;
    }

    /// <returns>The bytes written, or -1 when <paramref name="output"/> is too small.</returns>
    public static int OfStatusFile(ReadOnlySpan<byte> json, Span<byte> scratch, Span<byte> output)
    {
        var t = new ReaderTranscript(output);
        var reader = new StatusFileReader(json, scratch);
        while (true)
        {
            ReadResult result = reader.Next(out LeaseFields lease, out SkipReason skip);
            if (result == ReadResult.Entry)
            {
                t.Put((byte)'E');
                t.Put(lease.IpAddress);
                t.Put(lease.MacAddress);
                t.Put(lease.Hostname);
                t.Put((byte)(lease.HasHostname ? 1 : 0));
                t.Put(lease.ExpiryTime);
            }
            else if (result == ReadResult.Skipped)
            {
                t.Put((byte)'S');
                t.Put(reader.EntryIndex);
                t.Put((byte)skip);
            }
            else
            {
                t.Put((byte)'X');
                t.Put(reader.Accepted);
                t.Put((int)reader.Error);
                t.Put(reader.ErrorOffset);
                return t._overflow ? -1 : t._used;
            }
        }
    }

    /// <returns>The bytes written, or -1 when <paramref name="output"/> is too small.</returns>
    public static int OfMacsFile(ReadOnlySpan<byte> json, Span<byte> scratch, Span<byte> output)
    {
        var t = new ReaderTranscript(output);
        var reader = new MacsFileReader(json, scratch);
        while (true)
        {
            ReadResult result = reader.Next(out MacsEntry entry, out SkipReason skip);
            if (result == ReadResult.Entry)
            {
                t.Put((byte)'E');
                t.Put(entry.Domain);
                t.Put(entry.MacCount);
                foreach (ReadOnlySpan<byte> mac in entry.Macs)
                    t.Put(mac);
            }
            else if (result == ReadResult.Skipped)
            {
                t.Put((byte)'S');
                t.Put(reader.EntryIndex);
                t.Put((byte)skip);
            }
            else
            {
                t.Put((byte)'X');
                t.Put(reader.Accepted);
                t.Put((int)reader.Error);
                t.Put(reader.ErrorOffset);
                return t._overflow ? -1 : t._used;
            }
        }
    }

    /// <summary>Which text file a transcript reads (<see cref="OfTextFile"/>).</summary>
    public const int Conf = 0, Hostsfile = 1, Addnhosts = 2;

    /// <returns>The bytes written, or -1 when <paramref name="output"/> is too small.</returns>
    public static int OfTextFile(int kind, ReadOnlySpan<byte> text, Span<byte> output)
    {
        var t = new ReaderTranscript(output);
        if (kind == Conf)
        {
            Span<TextRange> interfaces = stackalloc TextRange[ConfFileReader.MaxValues];
            Span<TextRange> domains = stackalloc TextRange[ConfFileReader.MaxValues];
            var reader = new ConfFileReader(text, interfaces, domains);
            TextLineResult result;
            while ((result = reader.Next(out ConfValue value, out TextLineSkipped skip)) != TextLineResult.End)
            {
                if (result == TextLineResult.Entry)
                {
                    t.Put((byte)'E');
                    t.Put((int)value.Kind);
                    t.Put(text.Slice(value.Text.Start, value.Text.Length));
                    t.Put(value.Line);
                }
                else
                {
                    t.Skip(skip);
                }
            }
            t.Put((byte)'X');
            t.Put(reader.InterfaceCount);
            t.Put(reader.DomainCount);
            return t._overflow ? -1 : t._used;
        }
        if (kind == Hostsfile)
        {
            var reader = new HostsFileReader(text);
            TextLineResult result;
            while ((result = reader.Next(out HostsFileReservation r, out TextLineSkipped skip)) != TextLineResult.End)
            {
                if (result == TextLineResult.Entry) t.Reservation(text, r); else t.Skip(skip);
            }
        }
        else
        {
            var reader = new AddnHostsFileReader(text);
            TextLineResult result;
            while ((result = reader.Next(out HostsFileReservation r, out TextLineSkipped skip)) != TextLineResult.End)
            {
                if (result == TextLineResult.Entry) t.Reservation(text, r); else t.Skip(skip);
            }
        }
        t.Put((byte)'X');
        return t._overflow ? -1 : t._used;
    }

    private void Reservation(ReadOnlySpan<byte> text, in HostsFileReservation r)
    {
        Put((byte)'E');
        Put(text.Slice(r.Name.Start, r.Name.Length));
        Put(text.Slice(r.Mac.Start, r.Mac.Length));
        Put(r.Address.Family);
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        r.Address.CopyTo(bytes);
        Put(bytes);
        Put(r.Line);
    }

    private void Skip(in TextLineSkipped skip)
    {
        Put((byte)'S');
        Put((int)skip.Reason);
        Put(skip.Line);
        Put(skip.Field.Start);
        Put(skip.Field.Length);
    }

    private void Put(byte b)
    {
        if (_used == _output.Length)
        {
            _overflow = true;
            return;
        }
        _output[_used++] = b;
    }

    private void Put(int value)
    {
        for (int i = 0; i < 4; i++)
            Put((byte)(value >> (8 * i)));
    }

    private void Put(long value)
    {
        for (int i = 0; i < 8; i++)
            Put((byte)(value >> (8 * i)));
    }

    private void Put(scoped ReadOnlySpan<byte> text)
    {
        Put(text.Length);
        for (int i = 0; i < text.Length; i++)
            Put(text[i]);
    }
}
