using System.Text;

namespace LibvirtNss.Core.Benchmarks;

/// <summary>Lease and MAC files shaped as libvirt writes them, with <c>count</c> guests vm-0, vm-1, ...</summary>
internal static class LeaseFixtures
{
    public static byte[] StatusFile(int count, long expiry)
    {
        var json = new StringBuilder("[\n");
        for (int i = 0; i < count; i++)
        {
            string mac = Mac(i);
            json.Append("  {\n")
                .Append($"    \"ip-address\": \"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}\",\n")
                .Append($"    \"mac-address\": \"{mac}\",\n")
                .Append($"    \"hostname\": \"vm-{i}\",\n")
                .Append($"    \"client-id\": \"01:{mac}\",\n")
                .Append($"    \"expiry-time\": {expiry + i}\n")
                .Append(i + 1 < count ? "  },\n" : "  }\n");
        }
        return Encoding.UTF8.GetBytes(json.Append("]\n").ToString());
    }

    public static byte[] MacsFile(int count)
    {
        var json = new StringBuilder("[\n");
        for (int i = 0; i < count; i++)
            json.Append($"  {{\n    \"domain\": \"dom-{i}\",\n    \"macs\": [\n      \"{Mac(i)}\"\n    ]\n  }}")
                .Append(i + 1 < count ? ",\n" : "\n");
        return Encoding.UTF8.GetBytes(json.Append("]\n").ToString());
    }

    private static string Mac(int i) => $"52:54:00:{i >> 16 & 255:x2}:{i >> 8 & 255:x2}:{i & 255:x2}";
}
