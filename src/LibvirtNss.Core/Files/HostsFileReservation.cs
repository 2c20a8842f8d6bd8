using LibvirtNss.Core.Entries;

namespace LibvirtNss.Core.Files;

/// <summary>
/// One reserved host read from a <c>*.hostsfile</c> or <c>*.addnhosts</c> line: where its name and
/// MAC lie in the reader's contents (each empty when the line gives none; addnhosts lines give no
/// MAC), its address, and its line.
/// </summary>
public struct HostsFileReservation
{
    public TextRange Name;
    public TextRange Mac;
    public IpAddress Address;
    public int Line;

    public HostsFileReservation(TextRange name, TextRange mac, IpAddress address, int line)
    {
        Name = name;
        Mac = mac;
        Address = address;
        Line = line;
    }

    public readonly bool HasName => Name.Length > 0;

    public readonly bool HasMac => Mac.Length > 0;
}
