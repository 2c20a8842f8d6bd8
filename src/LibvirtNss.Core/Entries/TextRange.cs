namespace LibvirtNss.Core.Entries;

/// <summary>Where one string lies in a text that holds many (names, MACs): no string objects.</summary>
public readonly struct TextRange
{
    public readonly int Start;
    public readonly int Length;

    public TextRange(int start, int length)
    {
        Start = start;
        Length = length;
    }
}
