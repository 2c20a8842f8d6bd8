using System;
using LibvirtNss.Core.Memory;
using Xunit;

namespace LibvirtNss.Core.Tests.Memory;

public sealed unsafe class ArenaTests
{
    [Fact]
    public void Allocations_are_aligned_distinct_and_released_together()
    {
        var arena = new Arena();
        var seen = new System.Collections.Generic.List<(nint At, int Size)>();
        var random = new Random(1);
        for (int i = 0; i < 2000; i++)
        {
            int size = random.Next(0, i % 50 == 0 ? 100_000 : 300);
            byte* p = (byte*)arena.Allocate((nuint)size, zeroed: i % 2 == 0);
            Assert.True(p != null);
            Assert.Equal(0, (long)p % 8);
            if (i % 2 == 0)
                Assert.True(new Span<byte>(p, size).IndexOfAnyExcept((byte)0) < 0);
            new Span<byte>(p, size).Fill((byte)i);
            seen.Add(((nint)p, size));
        }
        // No two allocations overlap: each still holds its own fill.
        for (int i = 0; i < seen.Count; i++)
            Assert.True(new Span<byte>((void*)seen[i].At, seen[i].Size).IndexOfAnyExcept((byte)i) < 0);
        Assert.True(arena.Allocated > 0);
        arena.Release();
        Assert.Equal(0, arena.Allocated);
        Assert.True(arena.Allocate(10) != null);   // usable again
        arena.Release();
    }

    [Fact]
    public void An_impossible_size_is_null_not_a_crash()
    {
        var arena = new Arena();
        Assert.True(arena.Allocate(nuint.MaxValue) == null);
        Assert.True(arena.Allocate((nuint)int.MaxValue + 1) == null);
        arena.Release();
    }
}
