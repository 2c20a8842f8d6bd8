using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace LibvirtNss.Core.Tests;

/// <summary>
/// Core's data flows one way: files → records → matches → lookups → snapshot. Read from the
/// sources: which folder names another (a using directive, or a name qualified by the folder's
/// namespace); the graph has no cycle, and the engine's layers use nothing above them.
/// </summary>
public partial class FolderDependencyTests
{
    private static readonly string[] Folders =
        { "Os", "Entries", "Memory", "Diagnostics", "Files", "Records", "Matches", "Answers", "Lookups", "Snapshot" };

    [GeneratedRegex(@"^using LibvirtNss\.Core\.(\w+);", RegexOptions.Multiline)]
    private static partial Regex Using();

    [GeneratedRegex(@"(?<![\w.>])(?:LibvirtNss\.Core\.)?(Os|Entries|Memory|Diagnostics|Files|Records|Matches|Answers|Lookups|Snapshot)\.[A-Z]\w*")]
    private static partial Regex Qualified();

    private static Dictionary<string, HashSet<string>> Graph()
    {
        string dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "LibvirtNss.sln")))
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("no LibvirtNss.sln above the tests");
        string core = Path.Combine(dir, "src", "LibvirtNss.Core");
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (string folder in Folders)
        {
            var uses = new HashSet<string>();
            foreach (string file in Directory.GetFiles(Path.Combine(core, folder), "*.cs"))
            {
                // Comments may name anything: only code counts.
                string code = string.Join("\n", File.ReadAllLines(file).Where(l => !l.TrimStart().StartsWith("//")));
                foreach (Match m in Using().Matches(code).Concat(Qualified().Matches(code)))
                    uses.Add(m.Groups[1].Value);
            }
            uses.Remove(folder);
            uses.IntersectWith(Folders);
            graph[folder] = uses;
        }
        return graph;
    }

    [Fact]
    public void No_folder_depends_on_itself_through_others()
    {
        Dictionary<string, HashSet<string>> graph = Graph();
        foreach (string start in Folders)
        {
            var seen = new HashSet<string>();
            var stack = new Stack<string>(graph[start]);
            while (stack.Count > 0)
            {
                string next = stack.Pop();
                Assert.True(next != start, $"{start} depends on itself through {string.Join(", ", seen)}");
                if (seen.Add(next))
                    foreach (string n in graph[next])
                        stack.Push(n);
            }
        }
    }

    [Theory]
    [InlineData("Files", "Records Matches Lookups Snapshot Answers")]
    [InlineData("Records", "Matches Lookups Snapshot Answers")]
    [InlineData("Matches", "Records Lookups Snapshot")]
    [InlineData("Lookups", "Snapshot")]
    public void A_layer_uses_nothing_above_it(string folder, string above)
    {
        HashSet<string> uses = Graph()[folder];
        Assert.Empty(uses.Intersect(above.Split(' ')));
    }
}
