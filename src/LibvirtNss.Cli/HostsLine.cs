using System;
using System.Collections.Generic;
using System.IO;

namespace LibvirtNss.Cli;

/// <summary>The <c>hosts:</c> line of nsswitch.conf: its services in order, each with its action text.</summary>
internal sealed class HostsLine
{
    private HostsLine(List<(string Service, string Action)> services) => Services = services;

    public List<(string Service, string Action)> Services { get; }

    public static HostsLine? Read(string path)
    {
        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.Split('#')[0].Trim();
            if (!line.StartsWith("hosts:", StringComparison.Ordinal))
                continue;
            var services = new List<(string, string)>();
            string rest = line["hosts:".Length..];
            int i = 0;
            while (i < rest.Length)
            {
                if (char.IsWhiteSpace(rest[i])) { i++; continue; }
                if (rest[i] == '[')
                {
                    int end = rest.IndexOf(']', i);
                    end = end < 0 ? rest.Length : end + 1;
                    if (services.Count > 0)
                        services[^1] = (services[^1].Item1, rest[i..end]);
                    i = end;
                    continue;
                }
                int stop = i;
                while (stop < rest.Length && !char.IsWhiteSpace(rest[stop]) && rest[stop] != '[')
                    stop++;
                services.Add((rest[i..stop], ""));
                i = stop;
            }
            return new HostsLine(services);
        }
        return null;
    }

    public int IndexOf(string service) => Services.FindIndex(s => s.Service == service);

    /// <summary>The first service whose action can stop the search (e.g. <c>[!UNAVAIL=return]</c>), or -1.</summary>
    public int FirstReturningIndex() =>
        Services.FindIndex(s => s.Action.Contains("=return", StringComparison.OrdinalIgnoreCase));

    public override string ToString() =>
        "hosts: " + string.Join(' ', Services.ConvertAll(s => s.Action.Length > 0 ? $"{s.Service} {s.Action}" : s.Service));
}
