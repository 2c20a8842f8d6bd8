using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace LibvirtNss.Core.Tests.Files;

/// <summary>
/// The differential property: over generated and mutated files, the span readers decide what
/// the reference resolver's Utf8JsonReader-based parsers decide (the same leases with the same values, the same
/// domains with the same MACs, the same skips with the same reasons at the same indexes, the same
/// end of file). The inputs come from ParserProperties' generators (libvirt-shaped files, edits,
/// cuts, arbitrary bytes) and from the fuzz harness's InputGenerator and Mutator (hostile values,
/// wrong types, deep nesting, tens of thousands of entries, invalid UTF-8).
/// </summary>
public class SpanReaderProperties
{
    // ParserProperties' generators, private there: reused as they are rather than copied.
    private static T Member<T>(string name) =>
        (T)typeof(ParserProperties).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    private static readonly Gen<ParserProperties.ValidFile> StatusFile = Member<Gen<ParserProperties.ValidFile>>("StatusFile");
    private static readonly Gen<ParserProperties.ValidFile> MacsFile = Member<Gen<ParserProperties.ValidFile>>("MacsFile");
    private static readonly Gen<ParserProperties.Mutation> Edit = Member<Gen<ParserProperties.Mutation>>("Edit");
    private static readonly Gen<byte> JsonishByte = Member<Gen<byte>>("JsonishByte");

    private static byte[] Apply(byte[] bytes, IEnumerable<ParserProperties.Mutation> edits) =>
        (byte[])typeof(ParserProperties).GetMethod("Apply", BindingFlags.NonPublic | BindingFlags.Static)!
            .Invoke(null, new object[] { bytes, edits })!;

    /// <summary>A file of the fuzz harness's generator, from a seed (shrinks to smaller seeds).</summary>
    private static byte[] Generated(int seed, bool macs)
    {
        var generator = new LibvirtNss.Fuzz.InputGenerator(new Random(seed));
        return macs ? generator.MacsFile() : generator.StatusFile();
    }

    private static byte[] Mutated(int seed, bool macs)
    {
        var random = new Random(seed);
        var generator = new LibvirtNss.Fuzz.InputGenerator(random);
        byte[] input = macs ? generator.MacsFile() : generator.StatusFile();
        byte[] other = random.Next(2) == 0 ? generator.MacsFile() : generator.StatusFile();
        return new LibvirtNss.Fuzz.Mutator(random).Mutate(input, other);
    }

    private static readonly Gen<int> Seed = Gen.Choose(0, int.MaxValue);

    [Property(MaxTest = 1500)]
    public Property GeneratedStatusFiles() => Prop.ForAll(Seed.ToArbitrary(), seed => Differential.AssertSame(Generated(seed, false)));

    [Property(MaxTest = 1500)]
    public Property GeneratedMacsFiles() => Prop.ForAll(Seed.ToArbitrary(), seed => Differential.AssertSame(Generated(seed, true)));

    [Property(MaxTest = 2000)]
    public Property MutatedStatusFiles() => Prop.ForAll(Seed.ToArbitrary(), seed => Differential.AssertSame(Mutated(seed, false)));

    [Property(MaxTest = 2000)]
    public Property MutatedMacsFiles() => Prop.ForAll(Seed.ToArbitrary(), seed => Differential.AssertSame(Mutated(seed, true)));

    [Property(MaxTest = 500)]
    public Property LibvirtShapedFiles() => Prop.ForAll(Gen.OneOf(StatusFile, MacsFile).ToArbitrary(),
        file => Differential.AssertSame(file.Bytes));

    [Property(MaxTest = 1000)]
    public Property EditedFiles() => Prop.ForAll(
        (from file in Gen.OneOf(StatusFile, MacsFile)
         from edits in Edit.ListOf().Select(e => e.Take(8).ToArray())
         select (file, edits)).ToArbitrary(),
        c => Differential.AssertSame(Apply(c.file.Bytes, c.edits)));

    [Property(MaxTest = 500)]
    public Property CutFiles() => Prop.ForAll(
        (from file in Gen.OneOf(StatusFile, MacsFile)
         from cut in Gen.Choose(0, file.Bytes.Length)
         select file.Bytes[..cut]).ToArbitrary(),
        bytes => Differential.AssertSame(bytes));

    [Property(MaxTest = 500)]
    public Property ArbitraryBytes() => Prop.ForAll(
        Gen.OneOf(Gen.Choose(0, 255).Select(b => (byte)b), JsonishByte).ArrayOf().ToArbitrary(),
        bytes => Differential.AssertSame(bytes));

    [Property(MaxTest = 1000)]
    public Property ArbitraryBytesInsideAnArrayOfObjects() => Prop.ForAll(
        JsonishByte.ArrayOf().Select(b => Encoding.UTF8.GetBytes("[{").Concat(b).ToArray()).ToArbitrary(),
        bytes => Differential.AssertSame(bytes));

    /// <summary>Members and values in any order, with the keys and values the parsers look for.</summary>
    private static readonly Gen<string> AMember =
        from key in Gen.Elements("\"ip-address\"", "\"mac-address\"", "\"hostname\"", "\"expiry-time\"", "\"domain\"",
            "\"macs\"", "\"x\"", "\"host\\u006eame\"", "\"hostname\\u0000x\"", "\"ma\\u0063s\"", "\"\"")
        from value in Gen.Elements("\"10.0.0.1\"", "\"m\"", "\"vm1\"", "\"v\\u006d1\"", "\"\\ud800\"", "\"a\\u0000b\"", "0", "-0",
            "-1", "5", "1.5", "1e3", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "null", "true",
            "false", "[]", "[\"52:54:00:00:00:01\"]", "[\"a\",1]", "[\"\\u0041\",\"b\"]", "{}", "{\"a\":[1]}", "[[[[[[[1]]]]]]]")
        select key + ":" + value;

    private static readonly Gen<string> AnObject =
        AMember.ListOf().Select(m => "{" + string.Join(",", m.Take(7)) + "}");

    [Property(MaxTest = 1500)]
    public Property ShuffledMembers() => Prop.ForAll(
        (from values in Gen.OneOf(AnObject, AnObject, AnObject, Gen.Elements("1", "\"s\"", "[]", "null", "[{}]"))
             .ListOf().Select(v => v.Take(6))
         from tail in Gen.Elements("]", "]  ", "", ",", "]x", " ] [", ",]")
         select Encoding.UTF8.GetBytes("[" + string.Join(",", values) + tail)).ToArbitrary(),
        bytes => Differential.AssertSame(bytes));
}
