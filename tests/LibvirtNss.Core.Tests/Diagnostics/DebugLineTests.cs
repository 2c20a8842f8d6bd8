using System;
using System.Runtime.InteropServices;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LibvirtNss.Core.Diagnostics;
using Xunit;

namespace LibvirtNss.Core.Tests.Diagnostics;

/// <summary>
/// DebugLine writes, through a real pipe, what the reference resolver's DecisionLog hands its sink (the text
/// decoded from UTF-8 by .NET, then made printable ASCII) with the module's prefix and a newline.
/// </summary>
public sealed unsafe class DebugLineTests
{
    [DllImport("libc", EntryPoint = "__errno_location")] private static extern int* ErrnoLocation();

    private static byte[] Captured(Action<int> write) => PipeCapture.Captured(write);

    private static string Today(byte[] text)
    {
        string? seen = null;
        new DecisionLog(line => seen = line).Write(Encoding.UTF8.GetString(text));
        return "libvirt-nss: " + seen + "\n";
    }

    private static string Written(byte[] text, long number, int bufferSize) =>
        Encoding.ASCII.GetString(Captured(fd =>
        {
            var line = new DebugLine(stackalloc byte[bufferSize], fd);
            line.Append(text);
            line.Append(number);
            line.End();
        }));

    private static readonly Arbitrary<byte[]> AnyBytes = Gen.Frequency(
            (3, Gen.Choose(0, 255).Select(b => (byte)b)),
            (2, Gen.Choose(0x20, 0x7e).Select(b => (byte)b)),
            (3, Gen.Choose(0x80, 0xff).Select(b => (byte)b)))
        .ArrayOf().ToArbitrary();

    [Property(MaxTest = 2000)]
    public Property Same_text_as_the_DecisionLog_line() => Prop.ForAll(AnyBytes, Gen.Choose(32, 300).ToArbitrary(), (text, size) =>
        Assert.Equal(Today(text).TrimEnd('\n') + "-42\n", Written(text, -42, size)));

    [Theory]
    [InlineData(0L)]
    [InlineData(7L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Numbers_as_decimal(long value) =>
        Assert.Equal("libvirt-nss: " + value + "\n", Written(Array.Empty<byte>(), value, 32));

    [Fact]
    public void Valid_UTF8_is_one_question_mark_per_UTF16_character()
    {
        byte[] text = Encoding.UTF8.GetBytes("é€😀\tx");
        Assert.Equal("libvirt-nss: ?????x0\n", Written(text, 0, 64));   // é, €, 😀 (two), tab
    }

    [Fact]
    public void Errno_is_as_before_the_line_even_when_the_write_fails()
    {
        *ErrnoLocation() = 1234;
        var line = new DebugLine(stackalloc byte[32], fd: -1);   // EBADF
        line.Append("a line that fills the buffer more than once"u8);
        line.End();
        Assert.Equal(1234, *ErrnoLocation());
    }

    [Fact]
    public void The_switch_reads_LIBVIRT_NSS_DEBUG_from_the_process_environment() =>
        Assert.Equal(Environment.GetEnvironmentVariable("LIBVIRT_NSS_DEBUG") is not null, DebugSwitch.ReadEnvironment());
}
