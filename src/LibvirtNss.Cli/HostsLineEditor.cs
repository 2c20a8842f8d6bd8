using System.Collections.Generic;
using System.Text;

namespace LibvirtNss.Cli;

/// <summary>
/// Adds or removes <c>libvirt libvirt_guest</c> on a <c>hosts:</c> line. The place is the one the
/// Debian package (dh-nss, debian/libvirt-nss.nss) and authselect's own profiles use: after
/// <c>files</c>, <c>myhostname</c>, <c>mymachines</c>, before the first <c>mdns*</c>,
/// <c>resolve</c> or <c>dns</c> entry, and before any entry whose action ends the lookup on
/// NOTFOUND; at the end when there is none. Everything else on the line (spacing, actions, a
/// trailing comment) is kept.
/// </summary>
internal static class HostsLineEditor
{
    public static readonly string[] Modules = { "libvirt", "libvirt_guest" };

    /// <summary>True when both modules are on the line, each before <see cref="HostsLine.ModulePlace"/>.</summary>
    public static bool IsEnabled(HostsLine line)
    {
        int place = line.ModulePlace();
        foreach (string module in Modules)
        {
            int at = line.IndexOf(module);
            if (at < 0 || at > place)
                return false;
        }
        return true;
    }

    /// <summary>The line with both modules in place; <paramref name="line"/>'s text when they already are.</summary>
    public static string Enable(HostsLine line)
    {
        if (IsEnabled(line))
            return line.Text;
        // Entries already on the line move with their own action text; missing ones are added bare.
        var moved = new List<string>();
        foreach (string module in Modules)
        {
            int at = line.IndexOf(module);
            if (at < 0)
            {
                moved.Add(module);
            }
            else
            {
                HostsService s = line.Services[at];
                moved.Add(line.Text[s.Start..s.End]);
            }
        }
        HostsLine stripped = HostsLine.Parse(Remove(line, Modules))!;
        string insert = string.Join(' ', moved);
        int place = stripped.ModulePlace();
        string text = stripped.Text;
        if (place < stripped.Services.Count)
        {
            int at = stripped.Services[place].Start;
            return text[..at] + insert + " " + text[at..];
        }
        if (stripped.Services.Count == 0)
        {
            int at = stripped.ServicesStart;
            return text[..at] + " " + insert + TrailingComment(text, at);
        }
        int end = stripped.Services[^1].End;
        return text[..end] + " " + insert + text[end..];
    }

    /// <summary>The line without either module; <paramref name="line"/>'s text when neither is there.</summary>
    public static string Disable(HostsLine line) => Remove(line, Modules);

    private static string Remove(HostsLine line, string[] names)
    {
        var text = new StringBuilder(line.Text);
        // From the right, so that earlier offsets stay valid.
        for (int i = line.Services.Count - 1; i >= 0; i--)
        {
            HostsService s = line.Services[i];
            if (System.Array.IndexOf(names, s.Name) < 0)
                continue;
            int start = s.Start, end = s.End;
            bool last = i == line.Services.Count - 1 || AllRemovedAfter(line, i, names);
            if (last)
            {
                // The last entry takes the blanks before it, so no trailing blank is left.
                while (start > line.ServicesStart && line.Text[start - 1] is ' ' or '\t')
                    start--;
            }
            else
            {
                while (end < line.Text.Length && line.Text[end] is ' ' or '\t')
                    end++;
            }
            text.Remove(start, end - start);
        }
        return text.ToString();
    }

    private static bool AllRemovedAfter(HostsLine line, int index, string[] names)
    {
        for (int i = index + 1; i < line.Services.Count; i++)
        {
            if (System.Array.IndexOf(names, line.Services[i].Name) < 0)
                return false;
        }
        return true;
    }

    private static string TrailingComment(string text, int at)
    {
        string rest = text[at..];
        return rest.TrimStart().Length == 0 ? "" : " " + rest.TrimStart();
    }
}
