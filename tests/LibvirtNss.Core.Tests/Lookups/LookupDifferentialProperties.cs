using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace LibvirtNss.Core.Tests.Lookups;

/// <summary>
/// Core's lookups (NameLookup, AddressLookup) against the oracle's (LeaseDirectory.Lookup,
/// ReverseLookup.Lookup): over generated lease directories, libvirt-shaped and hostile, every
/// name and address asked (LookupRuns) gets the same outcome, errno, and addresses or names in
/// the same order.
/// </summary>
public sealed class LookupDifferentialProperties
{
    public sealed record ForwardCase(LeaseDirectorySpec Directory, byte[][] Names, int Unsupported)
    {
        public override string ToString() => $"{Directory}";
    }

    public sealed record ReverseCase(LeaseDirectorySpec Directory, QueryAddress[] Addresses, int Unsupported)
    {
        public override string ToString() => $"{Directory}";
    }

    /// <summary>A directory, the names asked of it (first, when there is one, a name its leases carry), an unsupported family.</summary>
    internal static Gen<ForwardCase> ForwardCases(bool hostile) =>
        from directory in LeaseDirectoryGen.Directory(hostile)
        from names in LookupQueries.Names
        from spelled in LookupQueries.SpelledName(directory)
        from unsupported in LookupQueries.UnsupportedFamily
        select new ForwardCase(directory, spelled is null ? names : names.Prepend(spelled).ToArray(), unsupported);

    internal static Gen<ReverseCase> ReverseCases(bool hostile) =>
        from directory in LeaseDirectoryGen.Directory(hostile)
        from addresses in LookupQueries.Addresses
        from unsupported in LookupQueries.UnsupportedFamily
        select new ReverseCase(directory, addresses, unsupported);

    private static Arbitrary<ForwardCase> Forward(bool hostile) => ForwardCases(hostile).ToArbitrary();

    private static Arbitrary<ReverseCase> Reverse(bool hostile) => ReverseCases(hostile).ToArbitrary();

    private static void Run(ForwardCase c)
    {
        using TempLeaseDirectory dir = c.Directory.Create();
        LookupRuns.Forward(dir.Path, c.Names, c.Unsupported, c);
    }

    private static void Run(ReverseCase c)
    {
        using TempLeaseDirectory dir = c.Directory.Create();
        LookupRuns.Reverse(dir.Path, c.Addresses.Concat(LookupQueries.Spelled(c.Directory, 4)).ToArray(), c.Unsupported, c);
    }

    [Property(MaxTest = 300)]
    public Property Forward_lookups_in_libvirt_shaped_directories_answer_as_the_oracle() => Prop.ForAll(Forward(hostile: false), Run);

    [Property(MaxTest = 300)]
    public Property Forward_lookups_in_hostile_directories_answer_as_the_oracle() => Prop.ForAll(Forward(hostile: true), Run);

    [Property(MaxTest = 300)]
    public Property Reverse_lookups_in_libvirt_shaped_directories_answer_as_the_oracle() => Prop.ForAll(Reverse(hostile: false), Run);

    [Property(MaxTest = 300)]
    public Property Reverse_lookups_in_hostile_directories_answer_as_the_oracle() => Prop.ForAll(Reverse(hostile: true), Run);
}
