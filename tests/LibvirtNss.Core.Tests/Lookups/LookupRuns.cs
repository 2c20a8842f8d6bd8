using System.Linq;
using System.Text;

namespace LibvirtNss.Core.Tests.Lookups;

/// <summary>
/// Every question a directory is asked, through both worlds: each name by both module kinds in
/// every family (and one unsupported), each address by both kinds in its family (and one
/// unsupported).
/// </summary>
internal static class LookupRuns
{
    public static readonly LookupKind[] Kinds = { LookupKind.Hostname, LookupKind.DomainName };

    public static void Forward(string directory, byte[] name, int family, object context)
    {
        foreach (LookupKind kind in Kinds)
        {
            BothLookups.Answer oracle = BothLookups.OldForward(directory, kind, name, family, Vocabulary.Now);
            BothLookups.Answer core = BothLookups.NewForward(directory, kind, name, family, Vocabulary.Now);
            BothLookups.Answer silent = BothLookups.NewForward(directory, kind, name, family, Vocabulary.Now, logged: false);
            LookupAssert.Same(oracle, core, silent,
                () => $"forward {kind} \"{Encoding.Latin1.GetString(name)}\" (hex {System.Convert.ToHexString(name)}) family {family} in {context}");
        }
    }

    public static void Forward(string directory, byte[][] names, int unsupported, object context)
    {
        foreach (byte[] name in names)
        {
            foreach (int family in LookupQueries.ForwardFamilies)
                Forward(directory, name, family, context);
        }
        Forward(directory, names[0], unsupported, context);
    }

    public static void Reverse(string directory, int family, byte[] address, object context)
    {
        foreach (LookupKind kind in Kinds)
        {
            BothLookups.Answer oracle = BothLookups.OldReverse(directory, kind, family, address, Vocabulary.Now);
            BothLookups.Answer core = BothLookups.NewReverse(directory, kind, family, address, Vocabulary.Now);
            BothLookups.Answer silent = BothLookups.NewReverse(directory, kind, family, address, Vocabulary.Now, logged: false);
            LookupAssert.Same(oracle, core, silent,
                () => $"reverse {kind} {System.Convert.ToHexString(address)} family {family} in {context}");
        }
    }

    public static void Reverse(string directory, QueryAddress[] addresses, int unsupported, object context)
    {
        foreach (QueryAddress address in addresses)
            Reverse(directory, address.Family, address.Bytes, context);
        // An unsupported family (AF_UNSPEC among them: a reverse lookup needs one) with a 16-byte address.
        byte[] bytes = addresses.Select(a => a.Bytes).FirstOrDefault(b => b.Length == 16) ?? new byte[16];
        Reverse(directory, unsupported == -1 ? AddressFamilies.Unspecified : unsupported, bytes, context);
    }
}
