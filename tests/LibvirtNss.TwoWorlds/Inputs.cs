using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using LibvirtNss.Core.Entries;

namespace LibvirtNss.TwoWorlds;

/// <summary>Generated inputs: address-like text, addresses, answers to pack, bytes, directories of files.</summary>
internal static class Inputs
{
    private const string AddressAlphabet = "0123456789abcdefABCDEFxX.:%]/g";
    private static readonly string[] AddressPieces =
        { "::", "::1", "::ffff:", "1.2.3.4", "255.", "0x", "0", "00", "%eth0", "%", "ffff:", "1:2:3:4:5:6:7:8", "127.1", "4294967295" };

    public static byte[] AddressText(Random random)
    {
        var text = new StringBuilder();
        int parts = random.Next(0, 6);
        for (int i = 0; i < parts; i++)
        {
            if (random.Next(3) == 0)
                text.Append(AddressPieces[random.Next(AddressPieces.Length)]);
            else
                for (int n = random.Next(1, 6); n > 0; n--)
                    text.Append(AddressAlphabet[random.Next(AddressAlphabet.Length)]);
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>16 bytes, mostly zero, so that every IPv6 text form comes up.</summary>
    public static byte[] AddressBytes(Random random)
    {
        var bytes = new byte[16];
        for (int i = 0; i < 16; i++)
        {
            int pick = random.Next(6);
            bytes[i] = pick < 3 ? (byte)0 : pick == 3 ? (byte)0xff : pick == 4 ? (byte)1 : (byte)random.Next(256);
        }
        return bytes;
    }

    public static void Answer(Random random, out byte[] name, out int[] families, out byte[] bytes, out int size, out ulong at)
    {
        name = AnyBytes(random, random.Next(4) == 0 ? 300 : 40);
        int count = random.Next(4) == 0 ? random.Next(0, 160) : random.Next(0, 12);
        families = new int[count];
        bytes = new byte[16 * count];
        for (int i = 0; i < count; i++)
        {
            families[i] = random.Next(2) == 0 ? 2 : 10;
            AddressBytes(random).CopyTo(bytes, 16 * i);
        }
        size = random.Next(3) == 0 ? random.Next(0, 300) : random.Next(0, 4096);
        at = random.Next(3) == 0 ? (ulong)random.Next(0, 16) : ((ulong)random.Next(1, int.MaxValue) << 12) + (ulong)random.Next(4096);
    }

    public static IpAddress[] Addresses(int[] families, byte[] bytes)
    {
        var addresses = new IpAddress[families.Length];
        for (int i = 0; i < families.Length; i++)
            addresses[i] = new IpAddress(families[i], bytes.AsSpan(16 * i, 16));
        return addresses;
    }

    public static byte[] Filled(int size)
    {
        var buffer = new byte[size];
        Array.Fill(buffer, (byte)0xA5);
        return buffer;
    }

    /// <summary>Up to <paramref name="max"/> bytes: printable, control, high and UTF-8 sequences mixed.</summary>
    public static byte[] AnyBytes(Random random, int max)
    {
        var bytes = new byte[random.Next(0, max + 1)];
        for (int i = 0; i < bytes.Length; i++)
        {
            int pick = random.Next(4);
            bytes[i] = pick == 0 ? (byte)random.Next(256) : pick == 1 ? (byte)random.Next(0x80, 0x100) : (byte)random.Next(0x20, 0x7f);
        }
        return bytes;
    }

    [DllImport("libc", EntryPoint = "mkfifo")] private static extern int MkFifo(byte[] path, int mode);

    /// <summary>A fresh directory of files of random names and sizes, subdirectories, links and a FIFO.</summary>
    public static string Directory(Random random)
    {
        string dir = System.IO.Directory.CreateTempSubdirectory("libvirt-nss-two-worlds-").FullName;
        int files = random.Next(0, 30);
        for (int i = 0; i < files; i++)
        {
            string name = Path.Combine(dir, $"{(random.Next(5) == 0 ? "." : "")}f{i}{(random.Next(2) == 0 ? ".status" : ".macs")}");
            switch (random.Next(10))
            {
                case 0: System.IO.Directory.CreateDirectory(name); break;
                case 1: File.CreateSymbolicLink(name, dir); break;
                case 2: File.CreateSymbolicLink(name, Path.Combine(dir, "nowhere")); break;
                case 3: MkFifo(Encoding.UTF8.GetBytes(name + "\0"), 0x180); break;
                default:
                    var bytes = new byte[random.Next(4) == 0 ? random.Next(0, 200_000) : random.Next(0, 2000)];
                    random.NextBytes(bytes);
                    File.WriteAllBytes(name, bytes);
                    break;
            }
        }
        return dir;
    }

    /// <summary>A lease or macs file from the fuzzer's generator, mutated half of the time.</summary>
    public static byte[] LeaseFile(Random random, LibvirtNss.Fuzz.InputGenerator generator, LibvirtNss.Fuzz.Mutator mutator,
        Func<byte[]> file)
    {
        byte[] input = file();
        return random.Next(2) == 0 ? input : mutator.Mutate(input, file());
    }

    private static readonly string[] ConfLines =
    {
        "interface=virbr0", "interface=virbr1,virbr2", "interface=", "interface=a-very-long-interface-name", "domain=example.lan",
        "domain=Example.LAN", "domain=example.lan,192.168.122.0/24", "domain=", "except-interface=lo", "# interface=x",
        "  interface = virbr3 ", "dhcp-range=192.168.122.2,192.168.122.254", "domain=bad..name", "interface=virbr0\r",
    };

    private static readonly string[] HostsLines =
    {
        "52:54:00:aa:bb:01,192.168.122.10,vm1", "vm2,192.168.122.11", "52:54:00:aa:bb:03,192.168.122.12",
        "id:00:01:00:01,vm6,[fd00::6]", "vm7,[fd00::7]", "id:00:01,[fd00::8]", "52:54:00:aa:bb:04,192.168.122.13,vm4,infinite",
        "vm5,192.168.122.14,90m", "52:54:00:aa:bb:05,vm8", "vm9,vm10,192.168.122.15", "52:54:00:*:*:*,192.168.122.16,wild",
        "set:tag,vm11,192.168.122.17", "ignore", "vm12,192.168.122.300", "# comment", "", "vm13,[fd00::zz]",
        "192.168.122.20 gateway", "192.168.122.21\tdns1\tdns2\t", "fd00::1 v6host", "10.1 short", "192.168.122.22", "x y z",
    };

    /// <summary>A conf, hostsfile or addnhosts file: lines of its kind (and of the others), mutated half of the time.</summary>
    public static byte[] TextFile(Random random, int kind, LibvirtNss.Fuzz.Mutator mutator)
    {
        string[] lines = kind == Shared.ReaderTranscript.Conf ? ConfLines : HostsLines;
        var text = new StringBuilder();
        for (int n = random.Next(0, 25); n > 0; n--)
            text.Append(random.Next(8) == 0 ? ConfLines[random.Next(ConfLines.Length)] : lines[random.Next(lines.Length)])
                .Append(random.Next(10) == 0 ? "\r\n" : "\n");
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        return random.Next(2) == 0 ? bytes : mutator.Mutate(bytes, Encoding.UTF8.GetBytes(lines[random.Next(lines.Length)]));
    }

    /// <summary>Offers for <c>CollectorScript</c>: leases and reservations, any text and expiry, sometimes more than 256.</summary>
    public static byte[] CollectorScript(Random random, out int family, out long now)
    {
        family = new[] { 0, 2, 10 }[random.Next(3)];
        now = 1_800_000_000;
        var script = new System.Collections.Generic.List<byte>();
        int offers = random.Next(10) == 0 ? random.Next(250, 600) : random.Next(0, 20);
        for (int i = 0; i < offers; i++)
        {
            string text = random.Next(6) switch
            {
                0 => $"fd00::{random.Next(8):x}",
                1 => new[] { "10.1", "::ffff:1.2.3.4", "bogus", "", "fe80::1%eth0", "caf\u00e9", new string('x', 100) }[random.Next(7)],
                2 => $"10.{random.Next(3)}.{random.Next(256)}.{random.Next(256)}",
                _ => $"192.168.122.{random.Next(8)}",
            };
            long expiry = random.Next(5) == 0 ? 0 : now + random.Next(-100, 1000);
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            script.Add((byte)(random.Next(5) == 0 ? 1 : 0));
            script.AddRange(BitConverter.GetBytes(expiry));
            script.AddRange(BitConverter.GetBytes(bytes.Length));
            script.AddRange(bytes);
        }
        return script.ToArray();
    }

    private static readonly string[] QueryNames =
    {
        "vm1", "vm2", "VM1", "vm1.example.lan", "vm2.Example.LAN.", "vm1.other.lan", "nothing", "gateway", "dns1", "v6host",
        "vm4", "vm5", "vm6", "vm7", "wild", "vm1.", "example.lan", "vm-1", "",
    };

    /// <summary>
    /// A lease directory (libvirt's file kinds, generated and mutated: status and macs files of
    /// one to three bridges, their networks' conf, hostsfile and addnhosts files) and a question:
    /// a name, or (<paramref name="reverse"/>) 4 or 16 address bytes of the given family.
    /// </summary>
    public static string LeaseDirectory(Random random, LibvirtNss.Fuzz.InputGenerator generator, LibvirtNss.Fuzz.Mutator mutator,
        out byte[] query, out int family, out bool reverse)
    {
        string dir = System.IO.Directory.CreateTempSubdirectory("libvirt-nss-two-worlds-").FullName;
        int bridges = random.Next(1, 4);
        for (int b = 0; b < bridges; b++)
        {
            if (random.Next(8) != 0)
                File.WriteAllBytes(Path.Combine(dir, $"virbr{b}.status"), LeaseFile(random, generator, mutator, generator.StatusFile));
            if (random.Next(4) != 0)
                File.WriteAllBytes(Path.Combine(dir, $"virbr{b}.macs"), LeaseFile(random, generator, mutator, generator.MacsFile));
            if (random.Next(3) != 0)
            {
                string conf = $"interface=virbr{b}\n" + (random.Next(2) == 0 ? "domain=example.lan\n" : "") +
                              Encoding.UTF8.GetString(TextFile(random, Shared.ReaderTranscript.Conf, mutator));
                File.WriteAllText(Path.Combine(dir, $"net{b}.conf"), conf);
            }
            if (random.Next(3) == 0)
                File.WriteAllBytes(Path.Combine(dir, $"net{b}.hostsfile"), TextFile(random, Shared.ReaderTranscript.Hostsfile, mutator));
            if (random.Next(3) == 0)
                File.WriteAllBytes(Path.Combine(dir, $"net{b}.addnhosts"), TextFile(random, Shared.ReaderTranscript.Addnhosts, mutator));
        }
        reverse = random.Next(4) == 0;
        if (reverse)
        {
            family = random.Next(4) == 0 ? 10 : random.Next(10) == 0 ? 3 : 2;
            query = family == 10 ? AddressBytes(random) : random.Next(2) == 0
                ? new byte[] { 192, 168, 122, (byte)random.Next(0, 20) }
                : new byte[] { 10, (byte)random.Next(3), (byte)random.Next(256), (byte)random.Next(256) };
            if (family == 10 && query.Length != 16)
                family = 2;
        }
        else
        {
            family = new[] { 0, 2, 10, 2, 0, 3 }[random.Next(6)];
            query = Encoding.UTF8.GetBytes(QueryNames[random.Next(QueryNames.Length)]);
        }
        return dir;
    }
}
