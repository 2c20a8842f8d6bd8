using System;
using System.Linq;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>The parts of the lease snapshot: file identities, the byte-key index, the budget.</summary>
public class SnapshotPartsTests
{
    private const long Second = 1_000_000_000;

    [Fact]
    public void AnIdentityIsSettledOnlyATickAfterItsLastChange()
    {
        var changed = new FileIdentity(1, 2, 3, 0, 0, CtimeSeconds: 100, CtimeNanoseconds: 5);
        long at = 100 * Second + 5;
        Assert.False(changed.SettledBefore(at));
        Assert.False(changed.SettledBefore(at + FileIdentity.TickMarginNanoseconds));
        Assert.True(changed.SettledBefore(at + FileIdentity.TickMarginNanoseconds + 1));
    }

    [Fact]
    public void AWholeSecondCtimeWaitsAFullSecond()
    {
        var changed = new FileIdentity(1, 2, 3, 0, 0, CtimeSeconds: 100, CtimeNanoseconds: 0);
        Assert.False(changed.SettledBefore(100 * Second + Second / 2));
        Assert.False(changed.SettledBefore(101 * Second));
        Assert.True(changed.SettledBefore(101 * Second + FileIdentity.TickMarginNanoseconds + 1));
        Assert.True(FileIdentity.Unavailable.SettledBefore(0));
    }

    [Fact]
    public void IdentitiesTellDirectoriesFromFilesAndMissingPaths()
    {
        using var dir = new TempLeaseDirectory();
        string file = dir.Write("a.status", "[]");
        FileIdentity directory = SettledFiles.Identity(dir.Path);
        FileIdentity identity = SettledFiles.Identity(file);
        Assert.NotEqual(directory.Inode, identity.Inode);
        Assert.Equal(directory.Device, identity.Device);
        Assert.Equal(2, identity.Size);
        Assert.False(FileStatus.TryGet(FileStatus.NulTerminated(dir.Path + "/missing"), out FileIdentity missing));
        Assert.Equal(FileIdentity.Unavailable, missing);
    }

    private static ByteKeyIndex IndexOf(string?[] keys, bool ignoreCase) =>
        new(keys.Length, (int item, out ReadOnlySpan<byte> key) =>
        {
            key = keys[item] is null ? default : Utf8(keys[item]!);
            return keys[item] is not null;
        }, ignoreCase, new SnapshotBudget(long.MaxValue));

    private static int[] Items(ByteKeyIndex index, string key)
    {
        byte[] bytes = Utf8(key);
        var items = new System.Collections.Generic.List<int>();
        for (int item = index.First(bytes); item >= 0; item = index.Next(item, bytes))
            items.Add(item);
        return items.ToArray();
    }

    [Fact]
    public void TheIndexGivesEveryItemOfAKeyInItemOrder()
    {
        string?[] keys = Enumerable.Range(0, 1000).Select(i => i % 7 == 0 ? null : $"Name{i % 50}").ToArray();
        ByteKeyIndex folded = IndexOf(keys, ignoreCase: true);
        for (int k = 0; k < 50; k++)
        {
            int[] expected = Enumerable.Range(0, keys.Length).Where(i => keys[i] == $"Name{k}").ToArray();
            Assert.Equal(expected, Items(folded, $"name{k}"));
            Assert.Equal(expected, Items(folded, $"NAME{k}"));
        }
        Assert.Empty(Items(folded, "name50"));
        Assert.False(folded.Contains(Utf8("")));

        ByteKeyIndex exact = IndexOf(keys, ignoreCase: false);
        Assert.Empty(Items(exact, "name1"));
        Assert.Equal(Items(folded, "name1"), Items(exact, "Name1"));
        Assert.False(IndexOf(Array.Empty<string?>(), ignoreCase: true).Contains(Utf8("x")));
    }

    [Fact]
    public void TheBudgetStopsWhatExceedsIt()
    {
        var budget = new SnapshotBudget(100);
        budget.Charge(60);
        budget.Charge(40);
        Assert.Equal(100, budget.Used);
        Assert.Throws<SnapshotTooLargeException>(() => budget.Charge(1));
    }
}
