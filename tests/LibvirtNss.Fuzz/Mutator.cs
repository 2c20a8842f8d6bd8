using System;
using System.Collections.Generic;
using System.Text;

namespace LibvirtNss.Fuzz;

/// <summary>
/// Changes an input the ways a file goes bad: cut short (a read racing a rewrite), bytes flipped,
/// NULs and invalid UTF-8 inserted, pieces deleted, repeated or spliced in from another input,
/// JSON tokens dropped in, numbers made huge, values nested deep.
/// </summary>
internal sealed class Mutator
{
    /// <summary>Largest input a mutation may produce (a little above the module's 4 MiB file cap).</summary>
    public const int MaxLength = 5 * 1024 * 1024;

    private static readonly byte[][] Tokens = Encode(
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\udc00", "\\u0000", "1e999", "-", "null",
        "true", "0", "-1", "9223372036854775808", "\"hostname\":", "\"ip-address\":\"10.0.0.1\"",
        "\"mac-address\":\"52:54:00:00:00:01\"", "\"expiry-time\":0", "\"hostname\":\"vm1\"", "\"domain\":\"vm1\"",
        "\"macs\":[\"52:54:00:00:00:01\"]", "{\"ip-address\":\"fd00::1\",\"mac-address\":\"m\",\"hostname\":\"vm2\",\"expiry-time\":0}");

    private static readonly byte[][] InvalidUtf8 =
    {
        new byte[] { 0xff }, new byte[] { 0xfe, 0xff }, new byte[] { 0xc0, 0x80 }, new byte[] { 0xed, 0xa0, 0x80 },
        new byte[] { 0xf4, 0x90, 0x80, 0x80 }, new byte[] { 0x80 }, new byte[] { 0xe2, 0x82 }, new byte[] { 0xf0 },
    };

    private readonly Random _random;

    public Mutator(Random random) => _random = random;

    /// <summary>A mutated copy of <paramref name="input"/> (1 to 8 changes); <paramref name="other"/> feeds splices.</summary>
    public byte[] Mutate(byte[] input, byte[] other)
    {
        var bytes = new List<byte>(input);
        int changes = 1 + _random.Next(8);
        for (int i = 0; i < changes; i++)
            MutateOnce(bytes, other);
        if (bytes.Count > MaxLength)
            bytes.RemoveRange(MaxLength, bytes.Count - MaxLength);
        return bytes.ToArray();
    }

    private void MutateOnce(List<byte> bytes, byte[] other)
    {
        int at = _random.Next(bytes.Count + 1);
        switch (_random.Next(12))
        {
            case 0: // truncate
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 1: // flip one bit
                if (bytes.Count > 0) { int i = _random.Next(bytes.Count); bytes[i] ^= (byte)(1 << _random.Next(8)); }
                break;
            case 2: // any byte
                if (bytes.Count > 0) bytes[_random.Next(bytes.Count)] = (byte)_random.Next(256);
                break;
            case 3:
                bytes.Insert(at, 0);
                break;
            case 4:
                bytes.InsertRange(at, InvalidUtf8[_random.Next(InvalidUtf8.Length)]);
                break;
            case 5: // delete a piece
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, _random.Next(1, 64)));
                break;
            case 6: // repeat a piece
            {
                int length = Math.Min(bytes.Count - at, _random.Next(1, 256));
                byte[] piece = bytes.GetRange(at, length).ToArray();
                int times = _random.Next(1, 16);
                for (int t = 0; t < times && bytes.Count < MaxLength; t++) bytes.InsertRange(at, piece);
                break;
            }
            case 7: // splice in a piece of another input
            {
                if (other.Length == 0) break;
                int from = _random.Next(other.Length);
                int length = Math.Min(other.Length - from, _random.Next(1, 512));
                bytes.InsertRange(at, new ArraySegment<byte>(other, from, length));
                break;
            }
            case 8:
            case 9:
                bytes.InsertRange(at, Tokens[_random.Next(Tokens.Length)]);
                break;
            case 10: // a huge number
                bytes.InsertRange(at, Encoding.ASCII.GetBytes(new string('9', _random.Next(19, 2000))));
                break;
            default: // deep nesting
            {
                int depth = _random.Next(1, 3000);
                var nest = new byte[2 * depth];
                nest.AsSpan(0, depth).Fill((byte)'[');
                nest.AsSpan(depth).Fill((byte)']');
                bytes.InsertRange(at, nest);
                break;
            }
        }
    }

    private static byte[][] Encode(params string[] texts)
    {
        var result = new byte[texts.Length][];
        for (int i = 0; i < texts.Length; i++) result[i] = Encoding.UTF8.GetBytes(texts[i]);
        return result;
    }
}
