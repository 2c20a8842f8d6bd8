using System;
using System.Collections.Generic;

namespace LibvirtNss.Cli;

/// <summary>One service of a <c>hosts:</c> line: its name, its action text and where both sit on the line.</summary>
/// <param name="Start">Offset of the name on the line.</param>
/// <param name="End">Offset just past the name and its <c>[...]</c> action, if any.</param>
internal sealed record HostsService(string Name, string Action, int Start, int End)
{
    /// <summary>A lookup this service answers NOTFOUND for (a guest name it does not know) ends here.</summary>
    public bool StopsOnNotFound => NssAction.ReturnsOnNotFound(Action);

    public bool IsDnsLike =>
        Name is "dns" or "resolve" || Name.StartsWith("mdns", StringComparison.Ordinal);

    public override string ToString() => Action.Length > 0 ? $"{Name} {Action}" : Name;
}

/// <summary>
/// The <c>hosts:</c> line of nsswitch.conf, parsed as glibc reads it: <c>hosts:</c>, then services,
/// each optionally followed by <c>[STATUS=action ...]</c>; <c>#</c> starts a comment.
/// Offsets are kept so that an edit changes only what it must.
/// </summary>
internal sealed class HostsLine
{
    private HostsLine(string text, int servicesStart, List<HostsService> services)
    {
        Text = text;
        ServicesStart = servicesStart;
        Services = services;
    }

    /// <summary>The whole line, as in the file (comment included, no line terminator).</summary>
    public string Text { get; }

    /// <summary>Offset just past <c>hosts:</c>.</summary>
    public int ServicesStart { get; }

    public IReadOnlyList<HostsService> Services { get; }

    /// <summary>The index of the first active <c>hosts:</c> line in <paramref name="lines"/>, or -1.</summary>
    public static int FindIn(IReadOnlyList<string> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            if (Parse(lines[i]) is not null)
                return i;
        }
        return -1;
    }

    /// <summary>The parsed line, or null when <paramref name="line"/> is not an active <c>hosts:</c> line.</summary>
    public static HostsLine? Parse(string line)
    {
        int i = 0;
        while (i < line.Length && line[i] is ' ' or '\t')
            i++;
        if (!line.AsSpan(i).StartsWith("hosts", StringComparison.Ordinal))
            return null;
        i += "hosts".Length;
        while (i < line.Length && line[i] is ' ' or '\t')
            i++;
        if (i >= line.Length || line[i] != ':')
            return null;
        int servicesStart = i + 1;
        int end = line.IndexOf('#', servicesStart);
        if (end < 0)
            end = line.Length;

        var services = new List<HostsService>();
        i = servicesStart;
        while (i < end)
        {
            if (char.IsWhiteSpace(line[i]))
            {
                i++;
                continue;
            }
            if (line[i] == '[')
            {
                // An action belongs to the service before it; a stray one at the start is kept as text only.
                int close = line.IndexOf(']', i);
                close = close < 0 || close >= end ? end : close + 1;
                if (services.Count > 0)
                {
                    HostsService last = services[^1];
                    string action = last.Action.Length > 0 ? last.Action + " " + line[i..close] : line[i..close];
                    services[^1] = last with { Action = action, End = close };
                }
                i = close;
                continue;
            }
            int stop = i;
            while (stop < end && !char.IsWhiteSpace(line[stop]) && line[stop] != '[')
                stop++;
            services.Add(new HostsService(line[i..stop], "", i, stop));
            i = stop;
        }
        return new HostsLine(line, servicesStart, services);
    }

    public int IndexOf(string service)
    {
        for (int i = 0; i < Services.Count; i++)
        {
            if (Services[i].Name == service)
                return i;
        }
        return -1;
    }

    /// <summary>
    /// Where the modules belong: before the first service that ends a lookup of an unknown name
    /// (<c>mdns4_minimal [NOTFOUND=return]</c>, <c>resolve [!UNAVAIL=return]</c>) or sends it to
    /// the network (<c>mdns*</c>, <c>resolve</c>, <c>dns</c>); <see cref="Services"/>.Count when none does.
    /// </summary>
    public int ModulePlace()
    {
        for (int i = 0; i < Services.Count; i++)
        {
            HostsService s = Services[i];
            if (s.Name is not ("libvirt" or "libvirt_guest") && (s.IsDnsLike || s.StopsOnNotFound))
                return i;
        }
        return Services.Count;
    }

    public override string ToString() =>
        "hosts: " + string.Join(' ', ((List<HostsService>)Services).ConvertAll(s => s.ToString()));
}
