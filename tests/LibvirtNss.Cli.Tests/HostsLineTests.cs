using LibvirtNss.Cli;
using Xunit;

namespace LibvirtNss.Cli.Tests;

public class HostsLineTests
{
    [Fact]
    public void Parses_services_actions_and_offsets()
    {
        HostsLine line = HostsLine.Parse("  hosts :\tfiles mdns4_minimal [NOTFOUND=return] dns # comment [x]")!;
        Assert.Equal(new[] { "files", "mdns4_minimal", "dns" }, Names(line));
        Assert.Equal("[NOTFOUND=return]", line.Services[1].Action);
        Assert.Equal("mdns4_minimal [NOTFOUND=return]", line.Text[line.Services[1].Start..line.Services[1].End]);
        Assert.Equal("hosts: files mdns4_minimal [NOTFOUND=return] dns", line.ToString());
    }

    [Fact]
    public void Action_without_blank_and_several_actions_belong_to_the_service()
    {
        HostsLine line = HostsLine.Parse("hosts: resolve[!UNAVAIL=return] [TRYAGAIN=continue] dns")!;
        Assert.Equal(new[] { "resolve", "dns" }, Names(line));
        Assert.Equal("[!UNAVAIL=return] [TRYAGAIN=continue]", line.Services[0].Action);
    }

    [Theory]
    [InlineData("# hosts: files")]
    [InlineData("hostsx: files")]
    [InlineData("passwd: files")]
    [InlineData("hosts files")]
    [InlineData("")]
    public void Other_lines_are_not_hosts_lines(string text) => Assert.Null(HostsLine.Parse(text));

    [Fact]
    public void The_first_active_hosts_line_is_the_one()
    {
        Assert.Equal(2, HostsLine.FindIn(new[] { "# hosts: dns", "passwd: files", "hosts: files", "hosts: dns" }));
        Assert.Equal(-1, HostsLine.FindIn(new[] { "passwd: files" }));
    }

    [Theory]
    [InlineData("[NOTFOUND=return]", true)]
    [InlineData("[!UNAVAIL=return]", true)]
    [InlineData("[notfound=RETURN]", true)]
    [InlineData("[!NOTFOUND=return]", false)]
    [InlineData("[SUCCESS=return]", false)]
    [InlineData("[UNAVAIL=return]", false)]
    [InlineData("[NOTFOUND=continue]", false)]
    [InlineData("[SUCCESS=merge]", false)]
    [InlineData("[UNAVAIL=continue NOTFOUND=return]", true)]
    [InlineData("", false)]
    public void Notfound_ends_the_lookup_only_when_an_action_says_so(string action, bool stops) =>
        Assert.Equal(stops, NssAction.ReturnsOnNotFound(action));

    [Theory]
    [InlineData("hosts: files dns", 1)]
    [InlineData("hosts: files myhostname mymachines resolve [!UNAVAIL=return] dns", 3)]
    [InlineData("hosts: files mdns_minimal [NOTFOUND=return] dns", 1)]
    [InlineData("hosts: files wins [NOTFOUND=return] dns", 1)]
    [InlineData("hosts: files sss", 2)]
    [InlineData("hosts: files libvirt dns", 2)]
    public void Modules_belong_before_the_first_entry_that_ends_or_diverts_the_lookup(string text, int place) =>
        Assert.Equal(place, HostsLine.Parse(text)!.ModulePlace());

    private static string[] Names(HostsLine line)
    {
        var names = new string[line.Services.Count];
        for (int i = 0; i < names.Length; i++)
            names[i] = line.Services[i].Name;
        return names;
    }
}
