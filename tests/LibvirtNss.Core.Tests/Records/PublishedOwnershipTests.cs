using LibvirtNss.Core.Records;
using Xunit;

namespace LibvirtNss.Core.Tests.Records;

/// <summary>The owner and mode a published directory and its files need (docs/security.md, "Published records").</summary>
public class PublishedOwnershipTests
{
    private const ushort Dir = 0x4000, Reg = 0x8000, Lnk = 0xA000, Fifo = 0x1000, Sock = 0xC000, Chr = 0x2000;

    [Theory]
    // The directory: root's, not group- or other-writable, whatever else its bits say.
    [InlineData(Dir | 0x1ED, 0u, true, PublishedVerdict.Trusted)]        // 0755
    [InlineData(Dir | 0x1C0, 0u, true, PublishedVerdict.Trusted)]        // 0700
    [InlineData(Dir | 0x3ED, 0u, true, PublishedVerdict.Trusted)]        // 1755 (sticky)
    [InlineData(Dir | 0x1FF, 0u, true, PublishedVerdict.Writable)]       // 0777
    [InlineData(Dir | 0x3FF, 0u, true, PublishedVerdict.Writable)]       // 1777, as /tmp
    [InlineData(Dir | 0x1FD, 0u, true, PublishedVerdict.Writable)]       // 0775
    [InlineData(Dir | 0x1EF, 0u, true, PublishedVerdict.Writable)]       // 0757
    [InlineData(Dir | 0x1ED, 1000u, true, PublishedVerdict.NotRootOwned)]
    [InlineData(Dir | 0x1FF, 1000u, true, PublishedVerdict.NotRootOwned)]
    [InlineData(Reg | 0x1A4, 0u, true, PublishedVerdict.WrongType)]      // a file where the directory should be
    [InlineData(Lnk | 0x1FF, 0u, true, PublishedVerdict.WrongType)]
    // A file: a regular file of root's, not group- or other-writable.
    [InlineData(Reg | 0x1A4, 0u, false, PublishedVerdict.Trusted)]       // 0644
    [InlineData(Reg | 0x180, 0u, false, PublishedVerdict.Trusted)]       // 0600
    [InlineData(Reg | 0x100, 0u, false, PublishedVerdict.Trusted)]       // 0400
    [InlineData(Reg | 0x9A4, 0u, false, PublishedVerdict.Trusted)]       // 4644: setuid says nothing of who writes it
    [InlineData(Reg | 0x1B6, 0u, false, PublishedVerdict.Writable)]      // 0666
    [InlineData(Reg | 0x1B4, 0u, false, PublishedVerdict.Writable)]      // 0664
    [InlineData(Reg | 0x1A6, 0u, false, PublishedVerdict.Writable)]      // 0646
    [InlineData(Reg | 0x1A4, 1000u, false, PublishedVerdict.NotRootOwned)]
    [InlineData(Reg | 0x1A4, 65534u, false, PublishedVerdict.NotRootOwned)]
    [InlineData(Lnk | 0x1FF, 0u, false, PublishedVerdict.WrongType)]     // a symbolic link is never followed
    [InlineData(Fifo | 0x1A4, 0u, false, PublishedVerdict.WrongType)]    // never opened: it could block
    [InlineData(Sock | 0x1ED, 0u, false, PublishedVerdict.WrongType)]
    [InlineData(Chr | 0x1B6, 0u, false, PublishedVerdict.WrongType)]
    [InlineData(Dir | 0x1ED, 0u, false, PublishedVerdict.WrongType)]     // a directory named x.status
    [InlineData(Fifo | 0x1B6, 1000u, false, PublishedVerdict.WrongType)] // the type is judged first
    public void Judges(int mode, uint uid, bool directory, PublishedVerdict expected) =>
        Assert.Equal(expected, PublishedOwnership.Judge((ushort)mode, uid, directory));

    [Theory]
    [InlineData(PublishedVerdict.WrongType, true, "not a directory")]
    [InlineData(PublishedVerdict.WrongType, false, "not a regular file")]
    [InlineData(PublishedVerdict.NotRootOwned, false, "not owned by root")]
    [InlineData(PublishedVerdict.Writable, true, "writable by group or others")]
    [InlineData(PublishedVerdict.Trusted, false, "trusted")]
    public void WordsTheVerdict(PublishedVerdict verdict, bool directory, string words) =>
        Assert.Equal(words, System.Text.Encoding.ASCII.GetString(PublishedOwnership.Words(verdict, directory)));
}
