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
}
